/**
 * What the running code was built from: scripts/build.mjs writes the sources' fingerprint into dist/ in place
 * of this module. Null when the sources run as they are (tsx, the tests): the code is then hashed file by file.
 * A saved knowledge snapshot is used only by the code that made it (see knowledge/snapshot.ts).
 */
export const BUILD_ID: string | null = null;
