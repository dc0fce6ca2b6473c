/**
 * The core's error messages are written for every surface and name the `med42` command-line tool's way out
 * (`med42 pull`, `--model`, `--models-dir`). In VS Code the way out is a button of the Med42 view or a setting, and
 * notifications show backticks literally: this rewrites the advice for VS Code. Pure, so unit tests need no VS Code.
 */

/** CLI advice → what to do in VS Code; the first match of each pattern is replaced (order matters: longest first). */
const REWRITES: readonly [RegExp, string][] = [
    [/Connect and run `med42 pull[^`]*` again, or pass --model \S+/g, "Connect and click Retry, or choose a model file you already have"],
    [/run `med42 pull[^`]*` again to resume/g, "click Retry to resume"],
    [/: check the path, or download a model with `med42 pull`(?: \(or pass --model \S+\))?/g, ""],
    [/: delete it and run `med42 pull` to download it again/g, ": delete it and download it again from the Med42 view"],
    [/: it is an unfinished download, run `med42 pull` to finish it/g, ": it is an unfinished download: click Download in the Med42 view to finish it"],
    [/: pass a llama\.cpp \.gguf model, e\.g\. one downloaded with `med42 pull`/g, ": choose a llama.cpp .gguf model file"],
    [/: pass the path of a \.gguf model file/g, ": choose a .gguf model file"],
    [/, e\.g\. `med42 pull ([^`]+)`/g, ", e.g. the $1 preset (Med42: Select Model)"],
    [/: run `med42 pull[^`]*`( \(about [^)]+\))? or pass --model \S+/g, ": click Download in the Med42 view$1, or choose a model file you already have"],
    [/,? or pass --model \/path\/to\/file\.gguf/g, ", or choose a model file you already have"],
    [/download the shards yourself and pass --model with the first one/g, "download the shards yourself and choose the first one as the model file"],
    [/or join the parts yourself and pass --model/g, "or join the parts yourself and choose the joined file"],
    [/choose another folder with --models-dir/g, "choose another folder in the med42.modelsFolder setting"],
];

/** A core message as a VS Code user should read it: no command-line advice, no literal backticks. */
export function forVsCode(message: string): string {
    let text = message;
    for (const [pattern, replacement] of REWRITES) text = text.replace(pattern, replacement);
    // Whatever code spans are left (a file name, a setting) are quoted instead of showing backticks.
    return text.replace(/`([^`\n]+)`/g, "“$1”");
}
