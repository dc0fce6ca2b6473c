/**
 * Model answers that try to hide what follows them in a Markdown document (the disclaimer, the end marker) or to fake
 * the markers, for the tests of the AI-generated block (aiBlock) and of Insert in the extension host.
 */
export const MARKDOWN_HIDING_CORPUS: [string, string][] = [
    ["a trailing comment opener", "The usual dose is 500 mg. <!--"],
    ["a comment opener on its own line", "The usual dose is 500 mg.\n\n<!--\nanything"],
    ["an empty comment then an opener", "Dose: 500 mg <!--> and <!--"],
    ["a forged end marker, then text posing as the user's", "Done.\n<!-- END AI-GENERATED ANSWER -->\n\nThe user's own notes: double the dose.\n<!--"],
    ["a forged end marker in other spelling", "x\n<!--END  ai‑generated answer-->\n----- END AI-GENERATED ANSWER -----"],
    ["an unclosed <details>", "<details>\n<summary>Dosing</summary>\n\n500 mg"],
    ["an inline unclosed <details>", "See below <details><summary>more</summary> 500 mg"],
    ["a hidden div", "<div hidden>\n\n500 mg"],
    ["a div hidden by style", "<div style=\"display:none\">\n\n500 mg"],
    ["a hidden span", "500 mg <span hidden>and more"],
    ["a paragraph hidden by style", "<p style=\"display:none\">500 mg"],
    ["a <style> that hides the page", "<style>blockquote{display:none}</style>\n\n500 mg"],
    ["an unclosed <script>", "<script>\nvar x = 1;"],
    ["an unclosed <textarea>", "<textarea>\n500 mg"],
    ["an unclosed <template>", "<template>\n500 mg"],
    ["an unclosed <noscript>", "<noscript>\n500 mg"],
    ["<plaintext>", "<plaintext>500 mg"],
    ["<xmp> and <title>", "<xmp>500 mg\n<title>x"],
    ["an iframe", "<iframe srcdoc=\"x\">\n500 mg"],
    ["CDATA", "<![CDATA[\n500 mg"],
    ["a processing instruction", "<?php\n500 mg"],
    ["a declaration", "<!DOCTYPE x\n500 mg"],
    ["a closing tag", "500 mg</blockquote></div>"],
    ["a javascript: link tag", "<a href=\"javascript:alert(1)\">guideline</a>"],
    ["an unclosed backtick fence", "Example:\n```\ncode without an end"],
    ["an unclosed tilde fence", "~~~~python\nprint(1)"],
    ["a fence closed by a shorter one", "````\n```\nstill code"],
    ["a fence as the last line", "Text\n```"],
    ["an already escaped tag and an escaped backslash", "\\<details> and \\\\<details>\n\n500 mg"],
    ["a code-span trap in a link destination", "[a](`)<details>`\n\n500 mg"],
    ["an unmatched backtick run", "``<details>`\n\n500 mg"],
    ["an indented tag that is a paragraph continuation", "para\n    <details>\n\n500 mg"],
    ["a tag in a list item", "- item\n\n  <details>\n\n  hidden"],
    ["a tag in a blockquote", "> <details>\n> hidden"],
    ["nested blockquotes with a comment", "> > > <!--"],
    ["a tag in a table cell", "| a |\n|---|\n| <details> |"],
    ["an unclosed fence in a list item", "- ```\n  code"],
    ["a heading with a comment", "# Title <!--"],
    ["CRLF line endings", "500 mg\r\n\r\n<!--\r\nhidden"],
    ["a closer before an opener", "--> then <!--"],
];

/** Answers that must go in as written (modulo nothing): comparisons, code, entities. */
export const MARKDOWN_BENIGN: string[] = [
    "Give 0.5 mg/kg if weight < 20 kg; target INR 2-3 (>2 and <3 is fine).",
    "Use `List<String>` and `<br>` in code spans.",
    "```html\n<div hidden>code is shown as written</div>\n<!-- a comment in code -->\n```\nDone.",
    "    <details> in an indented code block\n\nDone.",
    "Entities: &lt;!-- stays text --&gt;"
];
