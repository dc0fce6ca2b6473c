/**
 * Global middleware in front of every listener: drops repeated deliveries of an event (Slack retries with the same
 * `event_id`, possibly to another connection or replica; Bolt does not de-duplicate; replicas claim it in the shared
 * state) and the interactions and commands that arrive once shutdown began (acknowledged: Slack never retries them).
 * Events API deliveries that arrive once shutdown began are not even acknowledged (withholdEventsWhileStopping):
 * Slack sends them again, to another connection (another replica) or, for a single bot, after its restart.
 *
 * @see https://docs.slack.dev/tools/bolt-js/concepts/global-middleware
 */
import type {AnyMiddlewareArgs, App, Middleware} from "@slack/bolt";
import type {BotContext} from "./botContext";

export function deliveryGuard(ctx: BotContext): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
        // An event that reached Bolt before shutdown began was acknowledged: it must be answered (shutdown waits for it).
        if (!ctx.accepting && (args.body as {type?: unknown}).type !== "event_callback") {
            if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
            return;
        }
        const eventId = (args.body as {event_id?: unknown}).event_id;
        if (typeof eventId === "string" && !(await ctx.state.claim(`event:${eventId}`))) {
            ctx.logger.debug(`Dropped a repeated delivery of event ${eventId}`);
            return;
        }
        await args.next();
    };
}

/**
 * Bolt acknowledges an Events API delivery before any middleware runs, so a stopping bot would take (and drop) an
 * event that another replica could answer. This runs before Bolt: once shutdown began, an event is left without its
 * ack, and Slack retries it (`retry_reason: timeout`) on another Socket Mode connection, or later.
 *
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
export function withholdEventsWhileStopping(app: App, ctx: BotContext): void {
    const processEvent = app.processEvent.bind(app);
    app.processEvent = async (event) => {
        const body = event.body as {type?: unknown; event_id?: unknown};
        if (!ctx.accepting && body.type === "event_callback") {
            ctx.logger.info(`Shutting down: left event ${String(body.event_id)} for Slack to deliver elsewhere`);
            return;
        }
        // Taken: Bolt acknowledges it, so shutdown waits until it is handled (and for the answer it starts).
        const handling = processEvent(event);
        ctx.holdShutdownFor(handling);
        return handling;
    };
}
