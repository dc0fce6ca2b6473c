/**
 * The country of a Slack user's time zone (users.info's `tz`, an IANA name Slack sets from the user's device), for
 * the countries whose emergency numbers are built in. Slack's locale is only the language of its interface, which is
 * offered in a limited set of languages (we found no Arabic one; not verifiable here): a clinician in Abu Dhabi may
 * well have the default `en-US`, while their clock says where they are. Zones from the tz database's zone.tab for
 * those countries, with the old names Slack may still give.
 */
const ZONES: Readonly<Record<string, string>> = {
    "Asia/Dubai": "AE",
    "Asia/Riyadh": "SA",
    "Africa/Cairo": "EG", "Egypt": "EG",
    "Europe/Madrid": "ES", "Africa/Ceuta": "ES", "Atlantic/Canary": "ES",
    "Europe/Paris": "FR",
    "Asia/Kolkata": "IN", "Asia/Calcutta": "IN",
    "Europe/London": "GB", "GB": "GB", "GB-Eire": "GB",
    "Europe/Dublin": "IE", "Eire": "IE",
    "Antarctica/Macquarie": "AU",
    "America/Adak": "US", "America/Anchorage": "US", "America/Boise": "US", "America/Chicago": "US", "America/Denver": "US",
    "America/Detroit": "US", "America/Juneau": "US", "America/Los_Angeles": "US", "America/Menominee": "US",
    "America/Metlakatla": "US", "America/New_York": "US", "America/Nome": "US", "America/Phoenix": "US", "America/Sitka": "US",
    "America/Yakutat": "US", "Pacific/Honolulu": "US",
    "America/Atikokan": "CA", "America/Blanc-Sablon": "CA", "America/Cambridge_Bay": "CA", "America/Creston": "CA",
    "America/Dawson": "CA", "America/Dawson_Creek": "CA", "America/Edmonton": "CA", "America/Fort_Nelson": "CA",
    "America/Glace_Bay": "CA", "America/Goose_Bay": "CA", "America/Halifax": "CA", "America/Inuvik": "CA",
    "America/Iqaluit": "CA", "America/Moncton": "CA", "America/Rankin_Inlet": "CA", "America/Regina": "CA",
    "America/Resolute": "CA", "America/St_Johns": "CA", "America/Swift_Current": "CA", "America/Toronto": "CA",
    "America/Vancouver": "CA", "America/Whitehorse": "CA", "America/Winnipeg": "CA",
};

/** Whole families of zone names that belong to one country. */
const PREFIXES: readonly (readonly [string, string])[] = [
    ["Australia/", "AU"], ["America/Indiana/", "US"], ["America/Kentucky/", "US"], ["America/North_Dakota/", "US"],
    ["US/", "US"], ["Canada/", "CA"],
];

/** "Asia/Dubai" → "AE"; undefined for a zone of another country, or none. */
export function timeZoneCountry(tz: string | undefined): string | undefined {
    if (!tz) return undefined;
    return ZONES[tz] ?? PREFIXES.find(([prefix]) => tz.startsWith(prefix))?.[1];
}

/**
 * The locale whose numbers a Slack user gets: the language of their Slack locale with the country of their time zone
 * when the zone is one the bot knows ("en-US" in Asia/Dubai → "en-AE"), else their Slack locale as it is.
 */
export function slackUserLocale(locale: string | undefined, tz: string | undefined): string | undefined {
    const country = timeZoneCountry(tz);
    if (!country) return locale;
    const language = locale?.trim().split(/[-_]/)[0]?.toLowerCase() || "en";
    return `${language}-${country}`;
}
