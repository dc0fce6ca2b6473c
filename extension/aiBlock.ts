/**
 * How AI-generated text is marked when it goes into a user's document: a header naming Med42 and the model, the
 * text, the disclaimer, and an end marker, so a reader can always tell generated text from their own. The model's
 * text cannot hide the disclaimer or fake the markers: in Markdown it is neutralised (markdownNeutralize.ts: no raw
 * HTML such as an unclosed `<!--` or `<details>`, no fence left open), and text imitating a marker is marked as quoted.
 */
import type {Disclaimer} from "../shared/policy/types";
import {neutralizeMarkdown, neutralizeMarkers} from "./markdownNeutralize";

export interface AiBlockOptions {
    kind: "summary" | "answer";
    body: string;
    disclaimer: Disclaimer;
    /** The model, as the core reports it (a file path is shortened to its name). */
    model: string;
    /** The target document's language: Markdown gets Markdown markup, everything else plain text. */
    languageId: string;
    eol?: "\n" | "\r\n";
    date?: Date;
    /** Why the text is incomplete (a stopped or cut-off answer); said right under the header. */
    incomplete?: string;
}

const MARKDOWN_LANGUAGES = new Set(["markdown", "mdx", "quarto", "rmd"]);
/** Documents whose text a browser parses as markup: the block goes in as text, every markup character escaped. */
const MARKUP_LANGUAGES = new Set(["html", "xml", "xsl", "svg"]);

export function shortModelName(model: string): string {
    const parts = model.split(/[\\/]/);
    return parts[parts.length - 1] || model;
}

export function formatAiBlock(o: AiBlockOptions): string {
    const what = o.kind === "summary" ? "summary" : "answer";
    const date = (o.date ?? new Date()).toISOString().slice(0, 10);
    const source = `Med42, ${shortModelName(o.model)}, ${date}`;
    const body = neutralizeMarkers(o.body.trim());
    let lines: string[];
    if (MARKDOWN_LANGUAGES.has(o.languageId)) {
        // A model file name cannot end the comment early either.
        const inComment = source.replace(/-{2,}/g, "-").replace(/[<>]/g, "");
        lines = [
            `<!-- BEGIN AI-GENERATED ${what.toUpperCase()} (${inComment}) -->`,
            `> **AI-generated ${what}** (${source}). Review before use.`,
            ...(o.incomplete ? [`> **Incomplete:** ${o.incomplete}.`] : []),
            "",
            neutralizeMarkdown(body),
            "",
            `> ${o.disclaimer.markdown.trim().replace(/\r?\n/g, "\n> ")}`,
            `<!-- END AI-GENERATED ${what.toUpperCase()} -->`
        ];
    } else {
        const markup = MARKUP_LANGUAGES.has(o.languageId);
        lines = [
            `----- BEGIN AI-GENERATED ${what.toUpperCase()} (${source}): review before use -----`,
            ...(o.incomplete ? [`[Incomplete: ${o.incomplete}.]`] : []),
            // In markup no tag or comment of the answer can hide what follows; elsewhere an HTML comment cannot open
            // or close (plain text can still end up rendered).
            markup ? escapeMarkup(body) : body.replace(/<!--/g, "<!- -").replace(/-->/g, "- ->"),
            "",
            o.disclaimer.text.trim(),
            `----- END AI-GENERATED ${what.toUpperCase()} -----`
        ];
    }
    return lines.join("\n").replace(/\r?\n/g, o.eol ?? "\n");
}

function escapeMarkup(text: string): string {
    return text.replace(/[&<>]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;"})[c]!);
}
