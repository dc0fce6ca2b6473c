/** Human-readable sizes for messages and progress output. */

/** "4.92 GB": decimal units, as Hugging Face shows file sizes. */
export function formatBytes(bytes: number): string {
    if (!Number.isFinite(bytes) || bytes < 0) return "? B";
    if (bytes < 1000) return `${bytes} B`;
    const units = ["kB", "MB", "GB", "TB"];
    let value = bytes;
    let unit = -1;
    do { value /= 1000; unit++; } while (value >= 1000 && unit < units.length - 1);
    return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}
