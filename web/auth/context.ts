/** The session, handed to components by context (set by Root). */
import { getContext, setContext } from 'svelte';
import type { Session } from './session.svelte';

const key = Symbol('session');
export function setSession(session: Session): Session {
  return setContext(key, session);
}
export function getSession(): Session {
  return getContext<Session>(key);
}
