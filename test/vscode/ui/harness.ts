/** What the runner hands the UI suite: the VS Code install and where screenshots and logs go. */
import type {VscodeInstall} from "../../support/vscodeServer";

export const uiHarness: {install?: VscodeInstall; artifactsDir?: string} = {};
