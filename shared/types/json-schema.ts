// The part of JSON Schema the API reference shows (pages/docs/api.vue, components/docs/SchemaFields.vue).
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  default?: unknown
  title?: string
  minItems?: number
  maxItems?: number
}
