/**
 * Memory figures from Linux's /proc. Why both: RSS counts memory-mapped weight pages that the kernel can drop and
 * re-read at will, so it overstates what a model costs; the fall in MemAvailable (and the process's anonymous,
 * non-reclaimable RSS) is what other programs lose.
 */
import * as fs from "node:fs";

export interface ProcessMemory {
    /** Resident set size, bytes. */
    rss: number;
    /** Peak resident set size so far, bytes. */
    peakRss: number;
    /** Resident anonymous (private, not file-backed) memory, bytes: what cannot be dropped and re-read. */
    rssAnon: number;
    /** Resident file-backed memory (memory-mapped files), bytes. */
    rssFile: number;
}

function kbField(text: string, name: string): number | undefined {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
}

/** The system's MemAvailable in bytes, or undefined where /proc/meminfo is missing (not Linux). */
export function memAvailable(): number | undefined {
    try {
        return kbField(fs.readFileSync("/proc/meminfo", "utf8"), "MemAvailable");
    } catch {
        return undefined;
    }
}

export function processMemory(): ProcessMemory {
    const rss = process.memoryUsage().rss;
    try {
        const status = fs.readFileSync("/proc/self/status", "utf8");
        return {
            rss: kbField(status, "VmRSS") ?? rss,
            peakRss: kbField(status, "VmHWM") ?? rss,
            rssAnon: kbField(status, "RssAnon") ?? NaN,
            rssFile: kbField(status, "RssFile") ?? NaN
        };
    } catch {
        return {rss, peakRss: rss, rssAnon: NaN, rssFile: NaN};
    }
}
