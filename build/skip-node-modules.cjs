// electron-builder's beforeBuild hook (build/electron-builder.yml). Resolving to false
// means "node_modules are handled outside electron-builder": it then neither installs,
// rebuilds nor copies them. Everything the app runs is bundled into dist/ by esbuild, and
// the one native part (the Node-API addon) ships as an extra resource.
'use strict';

module.exports = async function skipNodeModules() {
  return false;
};
