/** The signature of releasio's HTTP client (the WHATWG fetch); tests pass one that routes hosts to loopback fakes. */
export type HttpFetch = (url: string, init?: RequestInit) => Promise<Response>;
