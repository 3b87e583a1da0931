// Stylesheets are imported for their side effect: esbuild emits them as dist/renderer/main.css.
declare module '*.css';
