import type {PolicyCategory} from "../types";
import type {AnalyzedText} from "../normalize";

/**
 * One small, named policy rule. `category` null marks an informational rule (it is reported in `rules` but does
 * not change the action, e.g. a prompt-injection attempt).
 */
export interface PolicyRule {
    /** Stable id, reported in decisions and the audit log: "<category>.<what it looks for>". */
    readonly id: string;
    readonly category: PolicyCategory | null;
    /** One sentence a reviewer can check the rule against. */
    readonly description: string;
    /** Whether the rule fires on this text. Must be fast (well under a millisecond). */
    test(text: AnalyzedText): boolean;
}
