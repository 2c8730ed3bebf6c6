/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

interface ImportMetaEnv {
  /** `Name=URL,Name=URL`: banks offered under `vite dev`, where no server publishes /config.json. */
  readonly VITE_BANKS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
