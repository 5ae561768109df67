export * from "./classify.js";
export * from "./gitmoji.js";
export * from "./message.js";
export * from "./parse-commit.js";
export * from "./rules.js";
