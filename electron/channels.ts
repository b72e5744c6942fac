// Names shared by the main process and the preload. Plain constants: no
// imports, so the sandboxed preload can bundle this file as is.

/** The custom scheme the renderer is served from: app://fieldbook/… */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Renderer → main (invoke): one API call. Replies with a CallReply. */
export const CALL_CHANNEL = 'fieldbook:call';
/** Main → renderer: a menu command ('new-note' | 'search'). */
export const COMMAND_CHANNEL = 'fieldbook:command';
/** Main → renderer: save whatever is pending, then ack on FLUSHED_CHANNEL with the same token. */
export const FLUSH_CHANNEL = 'fieldbook:flush';
/** Renderer → main (send): the flush with this token is done. */
export const FLUSHED_CHANNEL = 'fieldbook:flushed';

export const COMMANDS = ['new-note', 'search'] as const;
