// `node --import ./tests/electron/stub/register.mjs out/main/index.js` loads the built main
// process under plain Node: this installs a resolve hook that maps the bare specifier
// 'electron' to the stub in this folder (electron.mjs). Nothing else is redirected.
import { register } from 'node:module';

register('./electron-loader.mjs', import.meta.url);
