import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { health } from '../services/health';

export function healthRoutes(db: Db) {
  return new Hono().get('/', async (c) => c.json(await health(db), 200));
}
