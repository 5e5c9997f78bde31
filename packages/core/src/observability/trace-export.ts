/** Exports spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set; otherwise tracing stays a no-op. */
import { trace } from '@opentelemetry/api';
import type { Logger } from '../logging/logger.js';

/** Registers an OTLP exporter for this process when configured; resolves with the flush-and-stop function. */
export async function startTraceExport(
  serviceName: string,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<(() => Promise<void>) | undefined> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  // Loaded only when configured, so a process without an exporter never pays for the SDK.
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all(
    [
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ],
  );
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  trace.setGlobalTracerProvider(provider);
  logger.info({ endpoint: new URL(endpoint).origin }, 'exporting traces over OTLP/HTTP');
  return () => provider.shutdown();
}
