/**
 * Checks a model file before loading it, so that a missing, truncated or wrong file gives one clear message naming
 * the file and what to do, instead of a llama.cpp failure (or a crash) deep inside model loading.
 *
 * In order: the file exists; it starts with the GGUF magic; node-llama-cpp parses its header; its tensor data is
 * all there (a truncated download parses fine, since only the header is read); its architecture is llama
 * (Med42-v2 is Llama 3); and it fits in memory with the wanted context, by node-llama-cpp's GGUF insights.
 */
import * as fsp from "node:fs/promises";
import type {GgufFileInfo} from "node-llama-cpp" with {"resolution-mode": "import"};
import {getLlamaRuntime, importNodeLlamaCpp, type Llama} from "../engine/llamaRuntime";
import {folderError, ModelFileError} from "./errors";
import {formatBytes} from "./formatBytes";

export interface MemoryState {
    total: number;
    free: number;
}

/** Hardware figures; each defaults to what the Llama runtime reports (tests and "what if" checks override them). */
export interface HardwareOverrides {
    getRamState?: () => Promise<MemoryState>;
    getSwapState?: () => Promise<MemoryState>;
    getVramState?: () => Promise<MemoryState & {unifiedSize: number}>;
}

export interface CheckModelFileOptions {
    /** The runtime the model will load into (its GPU decides what fits); default: getLlamaRuntime(). */
    llama?: Llama;
    /** The context size the engine will create; default 8192 (Med42-v2's). */
    contextSize?: number;
    /** Check that the model fits in memory (loads the llama.cpp runtime). Default true. */
    checkMemory?: boolean;
    hardware?: HardwareOverrides;
    signal?: AbortSignal;
}

export interface MemoryEstimate {
    /** Estimated bytes to run the model with the context (RAM and GPU memory together). */
    requiredBytes: number;
    modelBytes: number;
    contextBytes: number;
    /** Total RAM + swap + GPU memory of the machine. */
    availableBytes: number;
    gpuLayers: number;
}

export interface ModelFileInfo {
    path: string;
    sizeBytes: number;
    architecture: string;
    /** `general.name` from the metadata. */
    name?: string;
    /** The context size the model was trained with. */
    trainContextSize?: number;
    ggufInfo: GgufFileInfo;
    /** Present when the memory check ran. */
    memory?: MemoryEstimate;
}

const DEFAULT_CONTEXT_SIZE = 8192;
const GGUF_MAGIC = Buffer.from("GGUF", "ascii");

function corrupt(file: string, detail: string, cause?: unknown): ModelFileError {
    return new ModelFileError(`${file}: the file is incomplete or corrupt (${detail}): delete it and run \`med42 pull\` ` +
        "to download it again", file, "corrupt", {cause});
}

/** Checks `file` (see the file comment); throws ModelFileError with a message for the user. */
export async function checkModelFile(file: string, options: CheckModelFileOptions = {}): Promise<ModelFileInfo> {
    let stat;
    try {
        stat = await fsp.stat(file);
    } catch {
        throw new ModelFileError(`model file not found: ${file}: check the path, or download a model with ` +
            "`med42 pull` (or pass --model /path/to/file.gguf)", file, "missing");
    }
    if (stat.isDirectory()) throw folderError(file);
    if (!stat.isFile()) throw new ModelFileError(`${file} is not a file: pass the path of a .gguf model file`, file, "missing");

    const head = Buffer.alloc(4);
    const fd = await fsp.open(file, "r");
    try { await fd.read(head, 0, 4, 0); } finally { await fd.close(); }
    if (!head.equals(GGUF_MAGIC)) {
        throw new ModelFileError(`${file} is not a GGUF model file (it does not start with "GGUF")` +
            (file.endsWith(".partial") ? ": it is an unfinished download, run `med42 pull` to finish it"
                : ": pass a llama.cpp .gguf model, e.g. one downloaded with `med42 pull`"), file, "not-gguf");
    }

    const {readGgufFileInfo} = await importNodeLlamaCpp();
    let info: GgufFileInfo;
    try {
        info = await readGgufFileInfo(file, {sourceType: "filesystem", logWarnings: false, spliceSplitFiles: false, signal: options.signal});
    } catch (err) {
        if (options.signal?.aborted) throw err;
        throw corrupt(file, `its header cannot be read: ${(err as Error).message}`, err);
    }

    if (info.version !== 2 && info.version !== 3) throw corrupt(file, `GGUF version ${info.version}, llama.cpp reads versions 2 and 3`);
    const expected = expectedFileSize(info);
    if (expected !== undefined && stat.size < expected)
        throw corrupt(file, `it holds ${stat.size.toLocaleString("en-US")} bytes, the model needs at least ${expected.toLocaleString("en-US")}`);

    const architecture = String(info.metadata?.general?.architecture ?? "");
    if (architecture !== "llama") {
        throw new ModelFileError(`${file} is ${architecture ? `a "${architecture}" architecture model` : "a model of no stated architecture"}; ` +
            "med42-assist runs Llama-architecture models (Med42-v2 is Llama 3): use a Med42-v2 GGUF, e.g. `med42 pull med42-8b`",
            file, "architecture");
    }

    const result: ModelFileInfo = {
        path: file,
        sizeBytes: stat.size,
        architecture,
        name: typeof info.metadata.general?.name === "string" ? info.metadata.general.name : undefined,
        trainContextSize: toNumber(info.architectureMetadata?.context_length),
        ggufInfo: info
    };
    if (options.checkMemory !== false) result.memory = await checkMemory(file, info, options);
    return result;
}

async function checkMemory(file: string, info: GgufFileInfo, options: CheckModelFileOptions): Promise<MemoryEstimate> {
    const llama = options.llama ?? await getLlamaRuntime();
    const contextSize = options.contextSize ?? DEFAULT_CONTEXT_SIZE;
    const hw = options.hardware ?? {};
    const getRamState = hw.getRamState ?? (async () => {
        const s = await llama.getRamState();
        return {total: s.total, free: s.free};
    });
    const getSwapState = hw.getSwapState ?? (async () => {
        const s = await llama.getSwapState();
        return {total: s.allocated, free: Math.max(0, s.allocated - s.used)};
    });
    const getVramState = hw.getVramState ?? (async () => {
        const s = await llama.getVramState();
        return {total: s.total, free: s.free, unifiedSize: s.unifiedSize};
    });
    const {GgufInsights} = await importNodeLlamaCpp();
    const insights = await GgufInsights.from(info, llama);
    const score = await insights.configurationResolver.resolveAndScoreConfig(
        {targetContextSize: contextSize},
        {getRamState, getSwapState, getVramState}
    );
    const v = score.resolvedValues;
    const [ram, swap, vram] = await Promise.all([getRamState(), getSwapState(), getVramState()]);
    // Unified memory (Apple silicon) is the same RAM seen by the GPU: count it once.
    const gpuOnly = Math.max(0, vram.total - vram.unifiedSize);
    const estimate: MemoryEstimate = {
        requiredBytes: v.totalRamUsage + v.totalVramUsage,
        modelBytes: v.modelRamUsage + v.modelVramUsage,
        contextBytes: v.contextRamUsage + v.contextVramUsage,
        availableBytes: ram.total + swap.total + gpuOnly,
        gpuLayers: v.gpuLayers
    };
    if (score.compatibilityScore <= 0) {
        const machine = `${formatBytes(ram.total)} of RAM` + (swap.total > 0 ? ` + ${formatBytes(swap.total)} of swap` : "") +
            (gpuOnly > 0 ? ` and ${formatBytes(gpuOnly)} of GPU memory` : "");
        throw new ModelFileError(
            `${file} does not fit in memory: it needs about ${formatBytes(estimate.requiredBytes)} ` +
            `(model ${formatBytes(estimate.modelBytes)} + ${contextSize}-token context ${formatBytes(estimate.contextBytes)}), ` +
            `but this machine has ${machine}: use a smaller model (e.g. med42-8b), a smaller context, or a bigger machine`,
            file, "memory");
    }
    return estimate;
}

function toNumber(v: unknown): number | undefined {
    return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined;
}

/**
 * ggml's block size (elements) and bytes per block for each tensor type (ggml.c type_traits), to compute where the
 * tensor data must end. node-llama-cpp only computes tensor sizes through its native bindings.
 */
const GGML_TYPE_SIZES: Record<number, [blockSize: number, typeSize: number]> = {
    0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
    10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
    16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
    23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
    34: [256, 54], 35: [256, 66]
};

/** The least size the file must have to hold all its tensors; undefined when a tensor type is unknown here. */
export function expectedFileSize(info: GgufFileInfo): number | undefined {
    const tensors = info.tensorInfo;
    if (!tensors || info.infoEndOffset === undefined) return undefined;
    let end = info.infoEndOffset;
    for (const t of tensors) {
        const sizes = GGML_TYPE_SIZES[t.ggmlType];
        if (!sizes) return undefined;
        const elements = t.dimensions.reduce<number>((a, d) => a * Number(d), 1);
        const bytes = Math.ceil(elements / sizes[0]) * sizes[1];
        end = Math.max(end, Number(t.fileOffset) + bytes);
    }
    return end;
}
