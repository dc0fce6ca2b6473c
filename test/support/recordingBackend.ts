/**
 * Observes what the model is actually given: the requests (system prompt, messages) that reach a ChatBackend.
 * RecordingBackend wraps a backend handed to the core; recordBackendRequests hooks the backend a Med42Assistant made
 * itself (VS Code, the Slack bot), for tests of the front ends on the real core and the generated model.
 */
import type {Med42Assistant} from "../../shared/assistant";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";

export class RecordingBackend implements ChatBackend {
    readonly requests: GenerateRequest[] = [];

    constructor(private readonly inner: ChatBackend) {}

    get modelDescription(): string { return this.inner.modelDescription; }
    get contextSize(): number { return this.inner.contextSize; }
    get parallelSequences(): number | undefined { return this.inner.parallelSequences; }
    load(signal?: AbortSignal): Promise<void> { return this.inner.load(signal); }
    countTokens(text: string): Promise<number> { return this.inner.countTokens(text); }
    dispose(): Promise<void> { return this.inner.dispose(); }

    generate(request: GenerateRequest): Promise<GenerateResult> {
        this.requests.push({...request, messages: request.messages.map((m) => ({...m}))});
        return this.inner.generate(request);
    }
}

/**
 * Records every request the assistant's own backend gets from now on (until `restore`). A test hook: it reaches the
 * core's private backend, so it sees exactly what the model is given, whichever front end asked.
 */
export function recordBackendRequests(assistant: Med42Assistant): {requests: GenerateRequest[]; restore(): void} {
    const backend = (assistant as unknown as {getBackend(): ChatBackend}).getBackend();
    const original = backend.generate;
    const requests: GenerateRequest[] = [];
    backend.generate = function (request: GenerateRequest) {
        requests.push({...request, messages: request.messages.map((m) => ({...m}))});
        return original.call(backend, request);
    };
    return {requests, restore: () => { backend.generate = original; }};
}
