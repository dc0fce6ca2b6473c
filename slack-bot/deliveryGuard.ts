/**
 * Global middleware in front of every listener: drops repeated deliveries of an event (Slack retries with the same
 * `event_id`, possibly to another connection or replica; Bolt does not de-duplicate; replicas claim it in the shared
 * state) and everything that arrives once shutdown began (acknowledged, so Slack
 * does not retry into a stopping bot).
 *
 * @see https://docs.slack.dev/tools/bolt-js/concepts/global-middleware
 */
import type {AnyMiddlewareArgs, Middleware} from "@slack/bolt";
import type {BotContext} from "./botContext";

export function deliveryGuard(ctx: BotContext): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
        if (!ctx.accepting) {
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
