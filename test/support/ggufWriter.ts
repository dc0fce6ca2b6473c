/**
 * A small GGUF v3 writer that makes Llama-architecture models with random weights.
 *
 * Why: tests and benchmarks must run the real llama.cpp loading, tokenising and generation code, but no weights can
 * be downloaded. A GGUF with the Llama-3 special tokens and chat template, a byte-level vocabulary (GPT-2 BPE without
 * merges tokenises byte by byte) and random weights is loaded by node-llama-cpp exactly like Med42-v2.
 *
 * Format reference: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 */
import * as fs from "node:fs";
import {mulberry32} from "../../tools/seededRandom";

export const LLAMA3_CHAT_TEMPLATE =
    "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + " +
    "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}" +
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}" +
    "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

export interface ModelShape {
    nEmbd: number;
    nLayer: number;
    nHead: number;
    nHeadKv: number;
    nFf: number;
    /** Total vocabulary; at least 256 bytes + the special tokens. 128256 places the specials at Llama-3's real ids. */
    nVocab: number;
    contextLength: number;
    ropeFreqBase: number;
    /** Weight type of the matrices: f32 (exact, small) or q4_0 (realistic size and speed). */
    weights: "f32" | "q4_0";
}

export const SHAPES: Record<"tiny" | "1b" | "8b", ModelShape> = {
    tiny: {nEmbd: 64, nLayer: 2, nHead: 4, nHeadKv: 2, nFf: 256, nVocab: 261, contextLength: 8192, ropeFreqBase: 500000, weights: "f32"},
    "1b": {nEmbd: 2048, nLayer: 16, nHead: 32, nHeadKv: 8, nFf: 8192, nVocab: 128256, contextLength: 8192, ropeFreqBase: 500000, weights: "q4_0"},
    "8b": {nEmbd: 4096, nLayer: 32, nHead: 32, nHeadKv: 8, nFf: 14336, nVocab: 128256, contextLength: 8192, ropeFreqBase: 500000, weights: "q4_0"}
};

export const SPECIAL_TOKENS = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"] as const;
/** Llama-3's ids for the special tokens, used when the vocabulary is as large as Llama-3's. */
const LLAMA3_SPECIAL_IDS = [128000, 128001, 128006, 128007, 128009];

const enum GgufType { UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9 }
const enum GgmlType { F32 = 0, Q4_0 = 2 }
const ALIGNMENT = 32;

/** GPT-2's byte-to-unicode table: every byte becomes one printable character, the form BPE vocabularies store. */
export function gpt2ByteTokens(): string[] {
    const printable: number[] = [];
    for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
    for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
    for (let b = 0xae; b <= 0xff; b++) printable.push(b);
    const tokens: string[] = new Array(256);
    let extra = 0;
    for (let b = 0; b < 256; b++)
        tokens[b] = printable.includes(b) ? String.fromCodePoint(b) : String.fromCodePoint(256 + extra++);
    return tokens;
}

interface Vocabulary { tokens: string[]; types: number[]; specialIds: Record<typeof SPECIAL_TOKENS[number], number> }

function buildVocabulary(nVocab: number, asciiOutput = false, wordFillers = false): Vocabulary {
    if (nVocab < 256 + SPECIAL_TOKENS.length) throw new Error(`vocabulary must hold at least ${256 + SPECIAL_TOKENS.length} tokens`);
    const tokens: string[] = new Array(nVocab);
    const types: number[] = new Array(nVocab).fill(1); // 1 = normal
    gpt2ByteTokens().forEach((t, i) => { tokens[i] = t; });
    // Bytes 0x80-0xFF as control tokens print nothing, so whatever the random weights sample is valid UTF-8 text.
    if (asciiOutput) for (let b = 0x80; b < 0x100; b++) types[b] = 3;
    const ids = nVocab >= 128256 ? LLAMA3_SPECIAL_IDS : SPECIAL_TOKENS.map((_, i) => 256 + i);
    const specialIds = {} as Vocabulary["specialIds"];
    SPECIAL_TOKENS.forEach((t, i) => { tokens[ids[i]] = t; types[ids[i]] = 3; specialIds[t] = ids[i]; }); // 3 = control
    let reserved = 0;
    for (let i = 256; i < nVocab; i++) {
        if (tokens[i] != null) continue;
        if (wordFillers) {
            // " w<number>x" ("Ġ" is the space in GPT-2's byte form): printed as a word, and never produced from text,
            // because the Llama-3 pre-tokenizer always splits letters from digits and BPE has no merges here.
            tokens[i] = `\u0120w${i}x`;
            continue;
        }
        // Fillers are control tokens: BPE without merges never produces them from text, and they print nothing.
        tokens[i] = `<|reserved_special_token_${reserved++}|>`;
        types[i] = 3;
    }
    return {tokens, types, specialIds};
}

/** Sequential little-endian writer for the header (metadata and tensor infos), which is small. */
class HeaderBuffer {
    private chunks: Buffer[] = [];
    length = 0;
    private push(b: Buffer) { this.chunks.push(b); this.length += b.length; }
    u32(v: number) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.push(b); }
    i32(v: number) { const b = Buffer.alloc(4); b.writeInt32LE(v); this.push(b); }
    u64(v: number | bigint) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); this.push(b); }
    f32(v: number) { const b = Buffer.alloc(4); b.writeFloatLE(v); this.push(b); }
    str(s: string) { const b = Buffer.from(s, "utf8"); this.u64(b.length); this.push(b); }
    raw(b: Buffer) { this.push(b); }
    toBuffer() { return Buffer.concat(this.chunks); }
}

type MetaValue =
    | {t: "u32"; v: number} | {t: "f32"; v: number} | {t: "bool"; v: boolean} | {t: "str"; v: string}
    | {t: "str[]"; v: string[]} | {t: "i32[]"; v: number[]};

function writeMeta(h: HeaderBuffer, key: string, value: MetaValue) {
    h.str(key);
    switch (value.t) {
        case "u32": h.u32(GgufType.UINT32); h.u32(value.v); break;
        case "f32": h.u32(GgufType.FLOAT32); h.f32(value.v); break;
        case "bool": h.u32(GgufType.BOOL); h.raw(Buffer.from([value.v ? 1 : 0])); break;
        case "str": h.u32(GgufType.STRING); h.str(value.v); break;
        case "str[]": h.u32(GgufType.ARRAY); h.u32(GgufType.STRING); h.u64(value.v.length); value.v.forEach((s) => h.str(s)); break;
        case "i32[]": h.u32(GgufType.ARRAY); h.u32(GgufType.INT32); h.u64(value.v.length); value.v.forEach((n) => h.i32(n)); break;
    }
}

interface TensorSpec { name: string; dims: number[]; type: GgmlType; /** norm weights are ones, matrices random */ fill: "ones" | "random" }

function tensorBytes(t: TensorSpec): number {
    const n = t.dims.reduce((a, b) => a * b, 1);
    return t.type === GgmlType.F32 ? n * 4 : (n / 32) * 18;
}

const align = (n: number) => Math.ceil(n / ALIGNMENT) * ALIGNMENT;


export interface WriteModelOptions {
    shape?: Partial<ModelShape>;
    seed?: number;
    name?: string;
    /** Leave the chat template out (to test that the engine does not rely on it). */
    omitChatTemplate?: boolean;
    /**
     * Only ASCII text comes out: llama-server's chat endpoint rejects an answer that is not valid UTF-8 (HTTP 500
     * "does not match the expected Content-only format"), which random weights produce from the byte tokens
     * 0x80-0xFF (a real model's answers are valid UTF-8). Those bytes become control tokens, which print nothing.
     */
    asciiOutput?: boolean;
    /**
     * The tokens past the bytes and the special tokens print a word each, instead of nothing. With a 128k vocabulary
     * random weights sample those fillers almost every time, so without this a model of a real shape writes (nearly)
     * no text, and whatever waits for answer text (a CLI's first byte, a Slack message, a summary) waits for luck.
     * Prompts tokenise the same either way (byte by byte). For the benchmark's models.
     */
    wordFillers?: boolean;
    /** Called with bytes written so far and the total, for big shapes. */
    onProgress?: (written: number, total: number) => void;
}

/** Writes a random-weight Llama GGUF to `file` and returns its size in bytes. */
export function writeTestModel(file: string, options: WriteModelOptions = {}): number {
    const shape: ModelShape = {...SHAPES.tiny, ...options.shape};
    const {nEmbd, nLayer, nHead, nHeadKv, nFf, nVocab} = shape;
    if (nEmbd % nHead !== 0 || nHead % nHeadKv !== 0) throw new Error("n_embd must divide by n_head, n_head by n_head_kv");
    const headDim = nEmbd / nHead;
    const nEmbdKv = headDim * nHeadKv;
    const mat = shape.weights === "q4_0" ? GgmlType.Q4_0 : GgmlType.F32;
    if (mat === GgmlType.Q4_0 && (nEmbd % 32 || nFf % 32)) throw new Error("q4_0 needs n_embd and n_ff divisible by 32");
    const vocab = buildVocabulary(nVocab, options.asciiOutput, options.wordFillers);

    const tensors: TensorSpec[] = [
        {name: "token_embd.weight", dims: [nEmbd, nVocab], type: mat, fill: "random"},
        {name: "output_norm.weight", dims: [nEmbd], type: GgmlType.F32, fill: "ones"},
        {name: "output.weight", dims: [nEmbd, nVocab], type: mat, fill: "random"}
    ];
    for (let i = 0; i < nLayer; i++) {
        const p = `blk.${i}.`;
        tensors.push(
            {name: p + "attn_norm.weight", dims: [nEmbd], type: GgmlType.F32, fill: "ones"},
            {name: p + "attn_q.weight", dims: [nEmbd, nEmbd], type: mat, fill: "random"},
            {name: p + "attn_k.weight", dims: [nEmbd, nEmbdKv], type: mat, fill: "random"},
            {name: p + "attn_v.weight", dims: [nEmbd, nEmbdKv], type: mat, fill: "random"},
            {name: p + "attn_output.weight", dims: [nEmbd, nEmbd], type: mat, fill: "random"},
            {name: p + "ffn_norm.weight", dims: [nEmbd], type: GgmlType.F32, fill: "ones"},
            {name: p + "ffn_gate.weight", dims: [nEmbd, nFf], type: mat, fill: "random"},
            {name: p + "ffn_up.weight", dims: [nEmbd, nFf], type: mat, fill: "random"},
            {name: p + "ffn_down.weight", dims: [nFf, nEmbd], type: mat, fill: "random"}
        );
    }

    const meta: [string, MetaValue][] = [
        ["general.architecture", {t: "str", v: "llama"}],
        ["general.name", {t: "str", v: options.name ?? "med42-test-model"}],
        ["general.alignment", {t: "u32", v: ALIGNMENT}],
        ["general.file_type", {t: "u32", v: mat === GgmlType.Q4_0 ? 2 : 0}],
        ["llama.context_length", {t: "u32", v: shape.contextLength}],
        ["llama.embedding_length", {t: "u32", v: nEmbd}],
        ["llama.block_count", {t: "u32", v: nLayer}],
        ["llama.feed_forward_length", {t: "u32", v: nFf}],
        ["llama.attention.head_count", {t: "u32", v: nHead}],
        ["llama.attention.head_count_kv", {t: "u32", v: nHeadKv}],
        ["llama.attention.layer_norm_rms_epsilon", {t: "f32", v: 1e-5}],
        ["llama.rope.freq_base", {t: "f32", v: shape.ropeFreqBase}],
        ["llama.rope.dimension_count", {t: "u32", v: headDim}],
        ["llama.vocab_size", {t: "u32", v: nVocab}],
        ["tokenizer.ggml.model", {t: "str", v: "gpt2"}],
        ["tokenizer.ggml.pre", {t: "str", v: "llama-bpe"}],
        ["tokenizer.ggml.tokens", {t: "str[]", v: vocab.tokens}],
        ["tokenizer.ggml.token_type", {t: "i32[]", v: vocab.types}],
        ["tokenizer.ggml.merges", {t: "str[]", v: []}],
        ["tokenizer.ggml.bos_token_id", {t: "u32", v: vocab.specialIds["<|begin_of_text|>"]}],
        ["tokenizer.ggml.eos_token_id", {t: "u32", v: vocab.specialIds["<|eot_id|>"]}],
        ["tokenizer.ggml.eot_token_id", {t: "u32", v: vocab.specialIds["<|eot_id|>"]}],
        ["tokenizer.ggml.add_bos_token", {t: "bool", v: true}]
    ];
    if (!options.omitChatTemplate) meta.push(["tokenizer.chat_template", {t: "str", v: LLAMA3_CHAT_TEMPLATE}]);

    const h = new HeaderBuffer();
    h.raw(Buffer.from("GGUF", "ascii"));
    h.u32(3);
    h.u64(tensors.length);
    h.u64(meta.length);
    for (const [k, v] of meta) writeMeta(h, k, v);
    let offset = 0;
    for (const t of tensors) {
        h.str(t.name);
        h.u32(t.dims.length);
        t.dims.forEach((d) => h.u64(d));
        h.u32(t.type);
        h.u64(offset);
        offset = align(offset + tensorBytes(t));
    }
    const header = h.toBuffer();
    const dataStart = align(header.length);
    const total = dataStart + offset;

    const fd = fs.openSync(file, "w");
    try {
        let pos = 0;
        const write = (b: Buffer) => { fs.writeSync(fd, b, 0, b.length, pos); pos += b.length; };
        write(header);
        write(Buffer.alloc(dataStart - header.length));
        const random = mulberry32(options.seed ?? 42);
        const q4Block = makeQ4Pattern(random);
        for (const t of tensors) {
            const bytes = tensorBytes(t);
            if (t.type === GgmlType.F32) write(f32Tensor(bytes / 4, t.fill, random));
            else for (let done = 0; done < bytes;) {
                const n = Math.min(q4Block.length, bytes - done);
                write(n === q4Block.length ? q4Block : q4Block.subarray(0, n));
                done += n;
                options.onProgress?.(pos, total);
            }
            const pad = align(pos - dataStart) - (pos - dataStart);
            if (pad) write(Buffer.alloc(pad));
        }
        options.onProgress?.(pos, total);
        return pos;
    } finally {
        fs.closeSync(fd);
    }
}

function f32Tensor(n: number, fill: "ones" | "random", random: () => number): Buffer {
    const a = new Float32Array(n);
    // Uniform in ±0.3 keeps a tiny model's logits varied enough that generation does not stop at once.
    for (let i = 0; i < n; i++) a[i] = fill === "ones" ? 1 : (random() * 2 - 1) * 0.3;
    return Buffer.from(a.buffer);
}

/**
 * A buffer of Q4_0 blocks reused for every quantised tensor: the values do not change speed, and generating 4.8 GB
 * of fresh randomness would only slow the generator. Each block: f16 scale (0.02), then 16 bytes of 4-bit values.
 */
function makeQ4Pattern(random: () => number): Buffer {
    const blocks = 1 << 18; // 4.5 MiB, a whole number of blocks
    const b = Buffer.alloc(blocks * 18);
    for (let i = 0; i < b.length; i += 4) b.writeUInt32LE(Math.floor(random() * 4294967296), i);
    for (let i = 0; i < blocks; i++) b.writeUInt16LE(0x251f, i * 18); // f16 0.02
    return b;
}
