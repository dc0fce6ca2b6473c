/**
 * The answers being written right now: the Stop button aborts one (only its asker may), and a shutdown past its
 * grace period aborts the rest, so every thread still gets its partial answer and the status cleared.
 */
export interface InFlightAnswer {
    id: string;
    userId: string;
    controller: AbortController;
    done: Promise<unknown>;
}

export type StopOutcome = "stopped" | "not-found" | "not-owner";

/** The abort reason of answers stopped by a shutdown (not by the Stop button): shown as "interrupted, ask again". */
export class ShutdownAbort extends Error {
    constructor() { super("The bot is shutting down"); }
}

export class InFlightAnswers {
    private readonly answers = new Map<string, InFlightAnswer>();

    get size(): number { return this.answers.size; }

    /** Tracks `run` (given the answer's abort signal) until it settles. */
    track(id: string, userId: string, run: (signal: AbortSignal) => Promise<unknown>): Promise<unknown> {
        const controller = new AbortController();
        const done = run(controller.signal).finally(() => this.answers.delete(id));
        this.answers.set(id, {id, userId, controller, done});
        return done;
    }

    /** The Stop button: only the person who asked may stop an answer. */
    stop(id: string, byUserId: string): StopOutcome {
        const answer = this.answers.get(id);
        if (!answer) return "not-found";
        if (answer.userId !== byUserId) return "not-owner";
        answer.controller.abort(new Error("Stopped by the user"));
        return "stopped";
    }

    /** Stops an answer whose asker was already checked (a Stop relayed by another replica); false when not here. */
    abort(id: string, reason = "Stopped by the user"): boolean {
        const answer = this.answers.get(id);
        answer?.controller.abort(new Error(reason));
        return answer !== undefined;
    }

    /** Aborts every answer (shutdown past its grace period); each still posts its partial answer. */
    abortAll(): void {
        for (const a of this.answers.values()) a.controller.abort(new ShutdownAbort());
    }
}
