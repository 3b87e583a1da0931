// Types of bundle-config.mjs for the TypeScript tests that build with it.
import type { BuildOptions, Plugin } from 'esbuild';

export declare const NODE_ENTRIES: ReadonlyArray<{ in: string; out: string }>;
export declare const PRELOAD_ENTRY: { in: string; out: string };
export declare const RENDERER_ENTRY: string;
export declare function nodeBuild(root: string, outdir: string): BuildOptions;
export declare function preloadBuild(root: string, outdir: string): BuildOptions & { metafile: true };
export declare function rendererBuild(root: string, outdir: string): BuildOptions & { metafile: true };
export declare const noNodeInRenderer: Plugin;
export declare const onlyElectron: Plugin;
