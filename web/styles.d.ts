// Style sheets imported for their side effect: esbuild gathers them into the page's one CSS file.

declare module '*.css';
