/**
 * Hostile model output for the webview renderer: every entry tries to run `window.__xss(name)` (or to navigate
 * somewhere dangerous). Used by the Node renderer tests and by the Chromium check in the UI suite.
 */
export interface XssCase {
    name: string;
    markdown: string;
}

export const XSS_CORPUS: readonly XssCase[] = [
    {name: "script tag", markdown: "Hello <script>window.__xss('script')</script> world"},
    {name: "script block", markdown: "<script>\nwindow.__xss('script-block')\n</script>"},
    {name: "img onerror", markdown: "<img src=x onerror=\"window.__xss('img')\">"},
    {name: "svg onload", markdown: "<svg onload=\"window.__xss('svg')\"><script>window.__xss('svg-script')</script></svg>"},
    {name: "svg animate", markdown: "<svg><a><animate attributeName=href values=javascript:window.__xss('svg-animate') /><text y=20>x</text></a></svg>"},
    {name: "iframe", markdown: "<iframe src=\"javascript:window.__xss('iframe')\"></iframe>"},
    {name: "iframe srcdoc", markdown: "<iframe srcdoc=\"<script>parent.__xss('srcdoc')</script>\"></iframe>"},
    {name: "object", markdown: "<object data=\"javascript:window.__xss('object')\"></object>"},
    {name: "embed", markdown: "<embed src=\"javascript:window.__xss('embed')\">"},
    {name: "style tag", markdown: "<style>@import 'javascript:window.__xss(\"style\")'; body{background:red}</style>"},
    {name: "style attribute", markdown: "<div style=\"background-image:url(javascript:window.__xss('style-attr'))\">x</div>"},
    {name: "event handler on div", markdown: "<div onmouseover=\"window.__xss('div')\">hover me</div>"},
    {name: "details ontoggle", markdown: "<details open ontoggle=\"window.__xss('details')\"><summary>x</summary></details>"},
    {name: "raw anchor", markdown: "<a href=\"javascript:window.__xss('a')\">click</a>"},
    {name: "javascript link", markdown: "[click](javascript:window.__xss('link'))"},
    {name: "mixed-case javascript link", markdown: "[click](JaVaScRiPt:window.__xss('link-case'))"},
    {name: "entity-encoded javascript link", markdown: "[click](&#106;avascript:window.__xss('link-entity'))"},
    {name: "percent-encoded javascript link", markdown: "[click](%6aavascript:window.__xss('link-pct'))"},
    {name: "javascript link with title", markdown: "[click](javascript:window.__xss('link-title') \"t\")"},
    {name: "vbscript link", markdown: "[click](vbscript:msgbox('vbs'))"},
    {name: "data html link", markdown: "[click](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoJ2RhdGEnKTwvc2NyaXB0Pg==)"},
    {name: "data svg image", markdown: "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9Il9feHNzKCdkYXRhLXN2ZycpIi8+)"},
    {name: "javascript image", markdown: "![x](javascript:window.__xss('img-js'))"},
    {name: "remote image", markdown: "![tracker](https://tracker.example/pixel.png)"},
    {name: "file link", markdown: "[passwd](file:///etc/passwd)"},
    {name: "command link", markdown: "[open terminal](command:workbench.action.terminal.new)"},
    {name: "vscode link", markdown: "[settings](vscode://settings/anything)"},
    {name: "autolink javascript", markdown: "<javascript:window.__xss('autolink')>"},
    {name: "reference link javascript", markdown: "[click][1]\n\n[1]: javascript:window.__xss('ref')"},
    {name: "link title breakout", markdown: "[x](https://ok.example \"a\\\" onmouseover=\\\"window.__xss('title')\")"},
    {name: "fence language breakout", markdown: "```\" onmouseover=\"window.__xss('lang')\ncode\n```"},
    {name: "fence with html", markdown: "```html\n<script>window.__xss('fence')</script>\n```"},
    {name: "inline code with html", markdown: "`<img src=x onerror=window.__xss('inline')>`"},
    {name: "mXSS math/style", markdown: "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss('mxss')></style></mglyph></table></mtext></math>"},
    {name: "form", markdown: "<form action=\"javascript:window.__xss('form')\"><button>go</button></form>"},
    {name: "meta refresh", markdown: "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss('meta')\">"},
    {name: "base href", markdown: "<base href=\"javascript:window.__xss('base')//\">"},
    {name: "html comment", markdown: "<!-- --><img src=x onerror=window.__xss('comment')> -->"},
    {name: "table cell html", markdown: "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss('table')> | x |"},
    {name: "linkified javascript text", markdown: "see javascript:window.__xss('linkify') now"},
    {name: "nested emphasis html", markdown: "**<b onclick=\"window.__xss('bold')\">x</b>**"}
];

/** Tags the renderer may produce; anything else in its output is a failure. */
export const ALLOWED_TAGS = new Set([
    "p", "a", "em", "strong", "s", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "button"
]);

/** Attributes the renderer may produce. */
export const ALLOWED_ATTRIBUTES = new Set(["href", "data-href", "title", "rel", "class", "type", "aria-label", "data-action", "style", "start"]);
