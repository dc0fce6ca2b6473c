/** Types shared by every part of the core and by all front ends (no vscode or Slack imports here). */

/** Where a request comes from; the policy differs per surface (a Slack channel is read by many people). */
export type Surface = "vscode" | "cli" | "slack-dm" | "slack-channel";
export const SURFACES: readonly Surface[] = ["vscode", "cli", "slack-dm", "slack-channel"];

export interface ChatMessage {
    role: "user" | "assistant";
    content: string;
    /**
     * Set by a front end on an assistant turn that was a policy message (escalation, refusal) shown instead of an
     * answer. The core leaves it, and the user turn it answered, out of what the model sees; it also recognises
     * policy messages by their text, so the flag is a certainty, not a requirement.
     */
    policyNotice?: boolean;
    /**
     * Context the user attached to this (user) message: a selection, a file. The core composes it into the message
     * (shared/attachments.ts): the policy decides on the whole, and attachments too long for the model's context are
     * summarised first, never cut.
     */
    attachments?: MessageAttachment[];
}

export interface MessageAttachment {
    /** How the message names it: "note.md", "note.md, lines 3-5". */
    label: string;
    text: string;
    /** The language of a code fence around it (a VS Code language id: "markdown", "python"). */
    language?: string;
}

export interface Usage {
    promptTokens: number;
    completionTokens: number;
}

/** Sampling options; defaults are Med42-v2's model card values (see shared/engine/defaults.ts). */
export interface SamplingOptions {
    temperature?: number;
    topK?: number;
    topP?: number;
    maxTokens?: number;
    seed?: number;
}
