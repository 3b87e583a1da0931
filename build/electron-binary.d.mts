// Types of electron-binary.mjs for the TypeScript tests.
export declare const ROOT: string;
export declare function electronVersion(root?: string): string | null;
export declare function locateElectron(root?: string): { ok: true; path: string } | { ok: false; reason: string };
