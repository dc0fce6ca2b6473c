import * as os from "node:os";
import * as path from "node:path";

/**
 * A folder of med42-assist's per-user cache: env `envVar` when set, else %LOCALAPPDATA% on Windows, else
 * $XDG_CACHE_HOME (or ~/.cache), each followed by med42-assist/SUBFOLDER. Models and datasets live there, so the CLI,
 * the extension and the bot share one copy.
 */
export function med42CacheDir(subfolder: string, envVar: string): string {
    const env = process.env[envVar]?.trim();
    if (env) return path.resolve(env);
    if (process.platform === "win32" && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, "med42-assist", subfolder);
    const cache = process.env.XDG_CACHE_HOME?.trim() || path.join(os.homedir(), ".cache");
    return path.join(cache, "med42-assist", subfolder);
}
