import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_API_HEADERS, CONSOLE_CSP, SPA_ROUTING_CODE } from '../../lib/constructs/console-hosting.js';
import { createStageConfig } from '../../lib/stage-config.js';
import {
  flatten,
  logicalIdOf,
  removeOutputs,
  synthStage,
  TEST_DOMAIN,
  TEST_ENV,
  type SynthesizedStage,
} from './synth-stage.js';

let staging: SynthesizedStage;
let prod: SynthesizedStage;
let built: string;

beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), 'autoflow-console-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
  staging = synthStage('staging');
  prod = synthStage('prod', built);
});

afterAll(() => {
  removeOutputs(staging, prod);
  rmSync(built, { recursive: true, force: true });
});

interface CacheBehavior {
  PathPattern: string;
  TargetOriginId: string;
  AllowedMethods: string[];
  CachePolicyId: string;
  OriginRequestPolicyId: string;
  ViewerProtocolPolicy: string;
}
const distributionConfig = ({ template }: SynthesizedStage) =>
  Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties
    .DistributionConfig as {
    DefaultRootObject: string;
    Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    DefaultCacheBehavior: { ViewerProtocolPolicy: string; FunctionAssociations: unknown[] };
    CacheBehaviors: CacheBehavior[];
  };

// CloudFront's managed policies, by their fixed ids.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('ConsoleHosting', () => {
  it('keeps the bucket private, TLS-only and reachable by CloudFront alone', () => {
    staging.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    staging.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    staging.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('versions and retains the bucket in Prod only', () => {
    prod.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
    });
    staging.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ VersioningConfiguration: Match.absent() }),
    });
  });

  it('serves index.html at the root and for client-side routes', () => {
    const config = distributionConfig(staging);

    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    staging.template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: SPA_ROUTING_CODE,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('rewrites routes without a file extension to index.html and leaves assets alone', () => {
    const route = (uri: string) => {
      const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (e: {
        request: { uri: string };
      }) => { uri: string };
      return handler({ request: { uri } }).uri;
    };

    expect(['/', '/tasks/123', '/approvals'].map(route)).toEqual([
      '/index.html',
      '/index.html',
      '/index.html',
    ]);
    expect(['/assets/app-1a2b.js', '/favicon.ico'].map(route)).toEqual([
      '/assets/app-1a2b.js',
      '/favicon.ico',
    ]);
  });

  it('forwards /api/* and /webhooks/* to the HTTP API uncached, with every method', () => {
    const config = distributionConfig(staging);
    const apiOrigin = config.Origins.find((o) => JSON.stringify(o.DomainName).includes('execute-api'));

    expect(apiOrigin).toBeDefined();
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain(logicalIdOf(staging.stack.ingest.api));
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/webhooks/*']);
    for (const behavior of config.CacheBehaviors) {
      expect(behavior).toMatchObject({
        TargetOriginId: apiOrigin?.Id,
        CachePolicyId: CACHING_DISABLED,
        ViewerProtocolPolicy: 'https-only',
      });
      expect([...behavior.AllowedMethods].sort()).toEqual(
        ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
      );
    }
  });

  it('gives webhooks every viewer header but Host (signature headers differ per provider)', () => {
    const webhooks = distributionConfig(staging).CacheBehaviors.find((b) => b.PathPattern === '/webhooks/*');

    expect(webhooks?.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
  });

  it('gives the console API all cookies, all query strings and the headers it reads, never Host', () => {
    const api = distributionConfig(staging).CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    const policies = staging.template.findResources('AWS::CloudFront::OriginRequestPolicy');
    const policyId = flatten(api?.OriginRequestPolicyId).replace(/^<(.+)>$/, '$1');

    expect(policies[policyId]?.Properties.OriginRequestPolicyConfig).toMatchObject({
      CookiesConfig: { CookieBehavior: 'all' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [...CONSOLE_API_HEADERS] },
    });
    expect(CONSOLE_API_HEADERS).toEqual(
      expect.arrayContaining(['Origin', 'Sec-Fetch-Site', 'X-CSRF-Token', 'CloudFront-Viewer-Address']),
    );
    expect(CONSOLE_API_HEADERS.map((h) => h.toLowerCase())).not.toContain('host');
  });

  it('passes Set-Cookie through: no response headers policy removes a header', () => {
    for (const policy of Object.values(
      staging.template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    )) {
      expect(policy.Properties.ResponseHeadersPolicyConfig.RemoveHeadersConfig).toBeUndefined();
    }
  });

  it('sends HSTS, a same-origin CSP, no framing and no sniffing', () => {
    staging.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
          }),
          ContentSecurityPolicy: { ContentSecurityPolicy: CONSOLE_CSP, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
    expect(CONSOLE_CSP).toContain("default-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });

  it('deploys the built console only when there is one', () => {
    staging.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    prod.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalIdOf(prod.stack.console.bucket) },
      DistributionPaths: ['/index.html'],
    });
  });

  it('outputs the console URL', () => {
    const outputs = staging.template.toJSON().Outputs as Record<string, { Value: unknown }>;

    expect(JSON.stringify(outputs.ConsoleUrl?.Value)).toContain(
      logicalIdOf(staging.stack.console.distribution),
    );
  });
});

describe('ConsoleHosting with a custom domain', () => {
  let custom: SynthesizedStage;
  beforeAll(() => {
    custom = synthStage('prod', undefined, { domain: TEST_DOMAIN });
  });
  afterAll(() => removeOutputs(custom));

  it('serves the domain with its ACM certificate over SNI and pins TLS 1.2', () => {
    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [TEST_DOMAIN.name],
        ViewerCertificate: {
          AcmCertificateArn: TEST_DOMAIN.certificateArn,
          SslSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        },
      }),
    });
  });

  it('hands the domain to the console API as its public URL and allowed origin', () => {
    const outputs = custom.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const api = custom.template.toJSON().Resources[logicalIdOf(custom.stack.consoleApi.api.function)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };

    expect(outputs.ConsoleUrl?.Value).toBe(`https://${TEST_DOMAIN.name}`);
    expect(Object.values(api.Properties.Environment.Variables)).toContain(`https://${TEST_DOMAIN.name}`);
    expect(JSON.stringify(outputs.ConsoleDnsTarget?.Value)).toContain(
      logicalIdOf(custom.stack.console.distribution),
    );
  });

  it('has no DNS target output without a domain', () => {
    const outputs = staging.template.toJSON().Outputs as Record<string, unknown>;
    expect(outputs.ConsoleDnsTarget).toBeUndefined();
  });
});

describe('domain config', () => {
  it.each([
    ['a name that is not a DNS name', { ...TEST_DOMAIN, name: 'not a domain' }, /DNS name.*domain\.name/s],
    [
      'a certificate outside us-east-1',
      { ...TEST_DOMAIN, certificateArn: TEST_DOMAIN.certificateArn.replace('us-east-1', 'eu-west-1') },
      /us-east-1.*domain\.certificateArn/s,
    ],
    ['a name without a certificate', { name: TEST_DOMAIN.name }, /certificateArn/],
  ])('rejects %s, naming the field', (_, domain, message) => {
    expect(() => createStageConfig('prod', TEST_ENV, domain)).toThrow(message);
  });
});
