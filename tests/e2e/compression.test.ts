// Compression on the wire: pages and JSON compressed for clients that accept it, assets served from
// their build-time .br / .gz, and error pages (which Nuxt renders through a request to itself) still
// readable when compressed.
import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Client, appPort, hotelHost, rootHost } from '../helpers/http'

function raw(host: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: appPort(), path, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers['content-encoding'],
          vary: String(res.headers.vary ?? ''),
          body: Buffer.concat(chunks),
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const decode = (r: { encoding?: string; body: Buffer }) =>
  (r.encoding === 'br' ? brotliDecompressSync(r.body) : r.encoding === 'gzip' ? gunzipSync(r.body) : r.body).toString()

describe('compression', () => {
  it('a page is sent with brotli, or gzip, to a client that accepts it, and as it is otherwise', async () => {
    const br = await raw(hotelHost('hotel-a'), '/login', { accept: 'text/html', 'accept-encoding': 'gzip, br' })
    const gz = await raw(hotelHost('hotel-a'), '/login', { accept: 'text/html', 'accept-encoding': 'gzip' })
    const plain = await raw(hotelHost('hotel-a'), '/login', { accept: 'text/html' })
    expect([br.encoding, gz.encoding, plain.encoding]).toEqual(['br', 'gzip', undefined])
    expect(br.vary).toMatch(/accept-encoding/i)
    expect(decode(br)).toBe(plain.body.toString())
    expect(decode(gz)).toBe(plain.body.toString())
    expect(br.body.length).toBeLessThan(plain.body.length / 3)
  })

  it('an error page rendered through Nuxt stays readable when compressed (unknown hotel: 404)', async () => {
    const r = await raw(hotelHost('no-such-hotel'), '/', { accept: 'text/html', 'accept-encoding': 'br' })
    expect(r.status).toBe(404)
    expect(decode(r)).toContain('</html>')
  })

  it('JSON over 1 KB is compressed; the page names its scripts, served from their .br files', async () => {
    const owner = new Client(hotelHost('hotel-a'))
    await owner.signIn('owner@hotel-a.example', 'hotel')
    const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const rooms = await raw(hotelHost('hotel-a'), '/api/v1/tenant/rooms', { cookie, 'accept-encoding': 'gzip' })
    expect(rooms.status).toBe(200)
    expect(JSON.parse(decode(rooms))).toBeTruthy()
    expect(decode(rooms).length).toBeGreaterThan(1024)
    expect(rooms.encoding).toBe('gzip')
    const page = await raw(rootHost(), '/agent/login', { accept: 'text/html' })
    const script = page.body.toString().match(/"(\/_nuxt\/[\w-]+\.js)"/)?.[1]
    expect(script).toBeTruthy()
    const asset = await raw(rootHost(), script!, { 'accept-encoding': 'br' })
    expect(asset.encoding).toBe('br')
    expect(decode(asset).length).toBeGreaterThan(asset.body.length)
  })
})
