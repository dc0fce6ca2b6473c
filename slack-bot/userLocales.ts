/**
 * Each Slack user's own locale, for the crisis and emergency numbers of their escalations: a hospital's Slack can hold
 * staff in several countries, and the bot's system locale is only where the bot runs. Read with `users.info`
 * (`include_locale`, scope `users:read`): the Slack locale's language with the country of the user's time zone where
 * the bot knows it (timeZoneCountry.ts); kept per user for an hour; when Slack cannot tell (no scope, a network
 * failure) the bot's own locale stands, and the first failure is logged once.
 *
 * @see https://docs.slack.dev/reference/methods/users.info
 */
import type {Logger, webApi} from "@slack/bolt";
import {canonicalLocale} from "../shared/policy/defaultPolicy";
import {slackErrorCode} from "./reliability/slackRetry";
import {slackUserLocale} from "./timeZoneCountry";

export interface UserLocaleOptions {
    /** How long a user's locale is kept before Slack is asked again. Default: one hour. */
    ttlMs?: number;
    /** How long a failed look-up stands (the bot's locale is used meanwhile). Default: five minutes. */
    failureTtlMs?: number;
    /** Users kept at most (the oldest entry goes first). Default: 10,000. */
    maxUsers?: number;
    now?: () => number;
}

/** Asks Slack for a user's locale ("en-GB"): undefined when Slack gives none. */
export type UserLocaleLookup = (userId: string) => Promise<string | undefined>;

/** The look-up through the Web API: `users.info` with the locale (and the time zone, which every answer has). */
export function slackUserLocaleLookup(client: webApi.WebClient): UserLocaleLookup {
    return async (userId) => {
        const res = await client.users.info({user: userId, include_locale: true});
        return slackUserLocale(res.user?.locale, res.user?.tz);
    };
}

interface Entry {
    locale: Promise<string | undefined>;
    expires: number;
}

/** A language, or a language and a country: what the policy's locales look like once canonical. */
const LOCALE_SHAPE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;

export class UserLocales {
    private readonly entries = new Map<string, Entry>();
    private readonly ttlMs: number;
    private readonly failureTtlMs: number;
    private readonly maxUsers: number;
    private readonly now: () => number;
    private failureLogged = false;

    constructor(private readonly lookup: UserLocaleLookup, private readonly logger: Logger, options: UserLocaleOptions = {}) {
        this.ttlMs = options.ttlMs ?? 60 * 60_000;
        this.failureTtlMs = options.failureTtlMs ?? 5 * 60_000;
        this.maxUsers = options.maxUsers ?? 10_000;
        this.now = options.now ?? Date.now;
    }

    /** The user's locale, canonical ("en-GB"); undefined when Slack gives none or cannot be asked. Never rejects. */
    localeOf(userId: string): Promise<string | undefined> {
        const now = this.now();
        const known = this.entries.get(userId);
        if (known && known.expires > now) return known.locale;
        this.entries.delete(userId);
        if (this.entries.size >= this.maxUsers) this.entries.delete(this.entries.keys().next().value!);
        // Two questions from one user at once share one call.
        const entry: Entry = {expires: now + this.ttlMs, locale: Promise.resolve(undefined)};
        entry.locale = this.ask(userId, entry);
        this.entries.set(userId, entry);
        return entry.locale;
    }

    private async ask(userId: string, entry: Entry): Promise<string | undefined> {
        try {
            const raw = await this.lookup(userId);
            const locale = raw ? canonicalLocale(raw) : undefined;
            return locale && LOCALE_SHAPE.test(locale) ? locale : undefined;
        } catch (err) {
            entry.expires = this.now() + this.failureTtlMs;
            const code = slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));
            if (!this.failureLogged) {
                this.failureLogged = true;
                this.logger.warn(`Could not read a Slack user's locale (users.info: ${code}): escalations show the ` +
                    "numbers of the bot's own locale instead" + (code === "missing_scope"
                        ? ". Add the users:read scope (slack-bot/manifest.json) and reinstall the app for each user's own numbers." : "."));
            } else {
                this.logger.debug(`users.info failed (${code}); the bot's locale is used`);
            }
            return undefined;
        }
    }
}
