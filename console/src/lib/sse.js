import { createParser } from 'eventsource-parser';

/**
 * Reads a server-sent-events stream with fetch (EventSource cannot send the bearer token) and calls
 * `onEvent({event, data, id})` per event until `signal` aborts.
 */
export async function readEvents(fetchImpl, url, token, onEvent, signal) {
  const response = await fetchImpl(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal });
  if (!response.ok) throw new Error(`stream answered ${response.status}`);
  const parser = createParser({ onEvent: (e) => onEvent({ event: e.event || 'message', data: e.data, id: e.id }) });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.feed(value);
  }
}
