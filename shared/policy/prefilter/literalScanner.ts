/**
 * Which of many literal strings occur in a text, found in one pass (an Aho–Corasick automaton): one scan of a message
 * answers for the literals of every policy pattern at once, where looking each up separately would read a long
 * message once per literal. Strings are compared by UTF-16 code unit, as String.prototype.includes does.
 */
export class LiteralScanner {
    /** The automaton's column for each UTF-16 code unit (0: a unit no literal has). */
    private readonly column = new Uint16Array(0x10000);
    private readonly width: number;
    /** Next state for (state, column), at state * width + column (16 bits where the states fit: half the memory). */
    private readonly next: Uint16Array | Int32Array;
    /** The literal ending at a state, or -1. */
    private readonly literalAt: Int32Array;
    /** The first state, from this one along its suffix links, where a literal ends, or -1. */
    private readonly firstOutput: Int32Array;
    /** The next such state after this one's own literal, or -1. */
    private readonly nextOutput: Int32Array;

    /** `literals` must be distinct and non-empty; a scan reports each by its index here. */
    constructor(readonly literals: readonly string[]) {
        let columns = 1;
        for (const literal of literals) {
            for (let i = 0; i < literal.length; i++) {
                const unit = literal.charCodeAt(i);
                if (this.column[unit] === 0) this.column[unit] = columns++;
            }
        }
        this.width = columns;
        // The trie.
        const children: Map<number, number>[] = [new Map()];
        const literalAt: number[] = [-1];
        literals.forEach((literal, id) => {
            if (literal.length === 0) throw new RangeError("LiteralScanner: an empty literal");
            let state = 0;
            for (let i = 0; i < literal.length; i++) {
                const c = this.column[literal.charCodeAt(i)];
                let child = children[state].get(c);
                if (child === undefined) {
                    child = children.length;
                    children.push(new Map());
                    literalAt.push(-1);
                    children[state].set(c, child);
                }
                state = child;
            }
            if (literalAt[state] !== -1) throw new RangeError(`LiteralScanner: "${literal}" given twice`);
            literalAt[state] = id;
        });
        // Suffix links and the full transition table, breadth first (a state's link is shallower than it).
        const states = children.length;
        this.next = states <= 0xffff ? new Uint16Array(states * columns) : new Int32Array(states * columns);
        this.literalAt = Int32Array.from(literalAt);
        this.firstOutput = new Int32Array(states).fill(-1);
        this.nextOutput = new Int32Array(states).fill(-1);
        const link = new Int32Array(states);
        const queue: number[] = [];
        for (const [c, child] of children[0]) {
            this.next[c] = child;
            queue.push(child);
        }
        for (let head = 0; head < queue.length; head++) {
            const state = queue[head];
            const fallback = link[state];
            this.nextOutput[state] = this.firstOutput[fallback];
            this.firstOutput[state] = this.literalAt[state] !== -1 ? state : this.nextOutput[state];
            for (let c = 0; c < columns; c++) this.next[state * columns + c] = this.next[fallback * columns + c];
            for (const [c, child] of children[state]) {
                link[child] = this.next[fallback * columns + c];
                this.next[state * columns + c] = child;
                queue.push(child);
            }
        }
    }

    /** found[i] is 1 when literals[i] occurs in `text`. */
    scan(text: string): Uint8Array {
        const found = new Uint8Array(this.literals.length);
        const {column, next, width, literalAt, firstOutput, nextOutput} = this;
        let state = 0;
        for (let i = 0; i < text.length; i++) {
            state = next[state * width + column[text.charCodeAt(i)]];
            // Every literal along the suffix chain ends here; once one is already found, so were the rest of its
            // chain (they were marked when it was), so the walk stops there.
            for (let s = firstOutput[state]; s !== -1 && found[literalAt[s]] === 0; s = nextOutput[s]) found[literalAt[s]] = 1;
        }
        return found;
    }
}
