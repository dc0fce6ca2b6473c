/**
 * Loads a task's questions: from --file (a path or an http(s) URL in the task's real format), or from the dataset
 * cache, downloading the public copy on first use (see datasetSources.ts).
 */
import {createHash} from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import * as tar from "tar";
import {parseMedmcqa, parseMedqa, parseMmluCsv, parsePubmedqa, parsePubmedqaTestIds, type SourceQuestion} from "./datasetParsers";
import {defaultDatasetsDir, downloadToFile, fetchText, DatasetDownloadError} from "./datasetDownload";
import {DATASET_SOURCES, datasetFileUrl} from "./datasetSources";
import {MMLU_SUBJECTS, toMcQuestion, type McQuestion, type TaskSelection} from "./tasks";

export interface DatasetLoadOptions {
    /** A file in the task's format: a local path or an http(s) URL. Default: the cached public copy. */
    file?: string;
    /** The dataset cache; default defaultDatasetsDir(). */
    datasetsDir?: string;
    signal?: AbortSignal;
    /** Progress of a download: what is being fetched, bytes so far, total when known. */
    onDownloadProgress?: (label: string, receivedBytes: number, totalBytes: number | undefined) => void;
}

export interface LoadedDataset {
    questions: McQuestion[];
    /** Where the questions came from (path or URL), for messages and --json. */
    source: string;
    /** SHA-256 of the file contents read: resume refuses results of a different file. */
    sha256: string;
}

function isUrl(text: string): boolean {
    return /^https?:\/\//i.test(text);
}

async function exists(file: string): Promise<boolean> {
    return fsp.stat(file).then((s) => s.isFile(), () => false);
}

async function readLocal(file: string): Promise<string> {
    try {
        return await fsp.readFile(file, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new Error(code === "ENOENT" ? `dataset file not found: ${file}` : `cannot read dataset file ${file}: ${(err as Error).message}`);
    }
}

function parseTaskFile(selection: TaskSelection, text: string, label: string, pubmedTestIds?: string[]): SourceQuestion[] {
    switch (selection.task) {
        case "medqa": return parseMedqa(text, label);
        case "medmcqa": return parseMedmcqa(text, label);
        case "mmlu": return parseMmluCsv(text, label);
        case "pubmedqa": return parsePubmedqa(text, label, pubmedTestIds);
    }
}

export async function loadDataset(selection: TaskSelection, options: DatasetLoadOptions = {}): Promise<LoadedDataset> {
    if (selection.task === "mmlu" && !selection.subject) throw new Error("mmlu needs a subject");
    const texts: string[] = [];
    let sources: SourceQuestion[];
    let source: string;
    if (options.file) {
        source = isUrl(options.file) ? options.file : path.resolve(options.file);
        const text = isUrl(options.file)
            ? await fetchText(options.file, {signal: options.signal, onProgress: (r, t) => options.onDownloadProgress?.(options.file!, r, t)})
            : await readLocal(source);
        texts.push(text);
        sources = parseTaskFile(selection, text, isUrl(options.file) ? options.file : options.file);
    } else {
        const files = await ensureCached(selection, options);
        for (const file of files) texts.push(await readLocal(file));
        source = files[0];
        if (selection.task === "pubmedqa") {
            const testIds = parsePubmedqaTestIds(texts[1], files[1]);
            sources = parsePubmedqa(texts[0], files[0], testIds);
        } else {
            sources = parseTaskFile(selection, texts[0], files[0]);
        }
    }
    const hash = createHash("sha256");
    for (const text of texts) hash.update(text);
    return {questions: sources.map((s, i) => toMcQuestion(selection, s, i)), source, sha256: hash.digest("hex")};
}

/** The cached files for the task (downloaded when missing), in the order the loader reads them. */
async function ensureCached(selection: TaskSelection, options: DatasetLoadOptions): Promise<string[]> {
    const dir = path.join(path.resolve(options.datasetsDir ?? defaultDatasetsDir()), selection.task);
    const spec = DATASET_SOURCES[selection.task];
    if (selection.task === "mmlu") {
        const csv = path.join(dir, `${selection.subject}_test.csv`);
        if (!(await exists(csv))) await fetchMmlu(dir, options);
        if (!(await exists(csv))) throw new Error(`the MMLU archive has no data/test/${selection.subject}_test.csv`);
        return [csv];
    }
    const paths: string[] = [];
    for (const file of spec.files) {
        const target = path.join(dir, file.name);
        if (!(await exists(target))) {
            await downloadToFile(datasetFileUrl(selection.task, file), target, {
                signal: options.signal,
                onProgress: (r, t) => options.onDownloadProgress?.(file.name, r, t)
            });
        }
        paths.push(target);
    }
    return paths;
}

/** Downloads MMLU's data.tar, keeps the clinical subjects' test CSVs in `dir`, and deletes the archive. */
async function fetchMmlu(dir: string, options: DatasetLoadOptions): Promise<void> {
    const file = DATASET_SOURCES.mmlu.files[0];
    const url = datasetFileUrl("mmlu", file);
    const archive = path.join(dir, file.name);
    if (!(await exists(archive)))
        await downloadToFile(url, archive, {signal: options.signal, onProgress: (r, t) => options.onDownloadProgress?.(file.name, r, t)});
    const wanted = new Set(MMLU_SUBJECTS.map((s) => `data/test/${s}_test.csv`));
    const staging = await fsp.mkdtemp(path.join(dir, ".extract-"));
    try {
        await tar.x({file: archive, cwd: staging, filter: (entry) => wanted.has(entry.replace(/^\.\//, ""))});
        const found = path.join(staging, "data", "test");
        const names = fs.existsSync(found) ? await fsp.readdir(found) : [];
        if (names.length === 0)
            throw new DatasetDownloadError(`${url} is not the MMLU archive (no data/test/<subject>_test.csv inside)`, url);
        for (const name of names) await fsp.rename(path.join(found, name), path.join(dir, name));
    } catch (err) {
        // A damaged or wrong archive: delete it so the next run downloads it again.
        await fsp.rm(archive, {force: true});
        if (err instanceof DatasetDownloadError) throw err;
        throw new DatasetDownloadError(`cannot read the MMLU archive from ${url} (${(err as Error).message}); run the command again`, url, {cause: err});
    } finally {
        await fsp.rm(staging, {recursive: true, force: true});
    }
    await fsp.rm(archive, {force: true});
}
