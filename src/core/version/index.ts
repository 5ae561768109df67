export * from "./next-version.js";
export * from "./pep440.js";
export * from "./prerelease-token.js";
export * from "./release-tags.js";
