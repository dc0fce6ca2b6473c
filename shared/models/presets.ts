/**
 * The Med42-v2 models the product knows by name. Files come from mradermacher's static GGUF quantisations of
 * m42-health/Llama3-Med42-{8B,70B} on Hugging Face (sizes as the Hub lists them). Their Q4_K_M files are single
 * files; some bigger quants of the 70B (Q6_K, Q8_0) are split into `.gguf.partXofY` byte ranges, which the store
 * downloads and joins when named by an `hf:` URI (see docs/models.md).
 *
 * Pinning: a preset with a `revision` (a commit id) downloads exactly the bytes of that commit, whatever is pushed to
 * the repository later. The presets below are not pinned yet: their commit ids must be read from the Hub
 * (`GET https://huggingface.co/api/models/REPO` → `sha`) and checked by downloading the file, which this project's
 * build machines cannot do. Until then they follow `main`; every download is still checked against the SHA-256 the
 * Hub publishes for the file (X-Linked-Etag).
 */

export interface ModelPreset {
    /** The name users type: `med42 pull med42-8b`. */
    readonly id: string;
    readonly displayName: string;
    /** Hugging Face repository, `user/repo`. */
    readonly repo: string;
    /** Quantisation tag, as in the file name. */
    readonly quant: string;
    /** The file's name in the repository, and the name it is stored under in the model folder. */
    readonly fileName: string;
    /** Approximate download size in bytes (decimal, as the Hub shows it). */
    readonly approxSizeBytes: number;
    /** The repository commit (40 hex digits) the file is downloaded from; absent: the `main` branch. */
    readonly revision?: string;
}

export const MODEL_PRESETS: readonly ModelPreset[] = [
    {
        id: "med42-8b",
        displayName: "Med42-v2 8B Q4_K_M",
        repo: "mradermacher/Llama3-Med42-8B-GGUF",
        quant: "Q4_K_M",
        fileName: "Llama3-Med42-8B.Q4_K_M.gguf",
        approxSizeBytes: 4.92e9
    },
    {
        id: "med42-8b-q8",
        displayName: "Med42-v2 8B Q8_0",
        repo: "mradermacher/Llama3-Med42-8B-GGUF",
        quant: "Q8_0",
        fileName: "Llama3-Med42-8B.Q8_0.gguf",
        approxSizeBytes: 8.54e9
    },
    {
        id: "med42-70b",
        displayName: "Med42-v2 70B Q4_K_M",
        repo: "mradermacher/Llama3-Med42-70B-GGUF",
        quant: "Q4_K_M",
        fileName: "Llama3-Med42-70B.Q4_K_M.gguf",
        approxSizeBytes: 42.5e9
    }
];

export const DEFAULT_PRESET_ID = "med42-8b";

export function findPreset(id: string): ModelPreset | undefined {
    return MODEL_PRESETS.find((p) => p.id === id.toLowerCase());
}

/** The preset's download URL on the Hub (or on the mirror set by MED42_HF_ENDPOINT), at its pinned revision. */
export function presetUrl(preset: ModelPreset, hfEndpoint: string): string {
    return `${hfEndpoint}/${preset.repo}/resolve/${preset.revision ?? "main"}/${encodeURIComponent(preset.fileName)}`;
}
