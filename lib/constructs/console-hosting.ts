import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  SecurityPolicyProtocol,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { wildcardActionFinding, wildcardResourceFinding } from '../nag-findings.js';
import type { Domain, StageName } from '../stage-config.js';

/** Props of the console hosting. */
export interface ConsoleHostingProps {
  readonly stageName: StageName;
  /** Version the bucket and keep it with the stack deleted (Prod). */
  readonly retain: boolean;
  /** The HTTP API behind `/api/*` and `/webhooks/*`. */
  readonly api: IHttpApi;
  /** The built SPA (`frontend/dist`); when absent nothing is deployed and the bucket stays as it is. */
  readonly assetsPath?: string | undefined;
  /** Serve the console under this name with this ACM certificate (us-east-1). */
  readonly domain?: Domain | undefined;
}

/** Content Security Policy of the console: everything from its own origin, nothing framed, no plugins. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://avatars.githubusercontent.com",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Viewer headers the console API reads: CSRF checks (Origin, Sec-Fetch-Site, X-CSRF-Token), bodies
 * (Content-Type, Accept) and the viewer's address for sign-in throttling, which CloudFront adds only
 * when an origin request policy names it. Host stays out: API Gateway routes on its own host.
 */
export const CONSOLE_API_HEADERS = [
  'Origin',
  'Sec-Fetch-Site',
  'X-CSRF-Token',
  'Content-Type',
  'Accept',
  'CloudFront-Viewer-Address',
] as const;

/**
 * SPA routing at the edge: a path without a file extension is a client-side route and gets
 * index.html; assets and the `/api`, `/webhooks` behaviours (which do not run this) pass unchanged.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web console: a private S3 bucket (OAC only, TLS only) behind CloudFront, with SPA routing,
 * security headers, and `/api/*` and `/webhooks/*` forwarded uncached to the HTTP API, so the
 * console's session cookie is first-party.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment?: BucketDeployment;
  /** Where people reach the console: the custom domain when configured, else the distribution's name. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `autoflow-${props.stageName}-console`,
      comment: 'Auto-Flow console: HSTS, CSP, no framing, no sniffing',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: CONSOLE_CSP, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING_CODE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Client-side routes get index.html',
    });

    const toApi: BehaviorOptions = {
      origin: new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Nothing cached. Set-Cookie reaches the viewer because cookies are forwarded and no policy removes it.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: headers,
    };
    const apiRequests = new OriginRequestPolicy(this, 'ApiRequests', {
      originRequestPolicyName: `autoflow-${props.stageName}-console-api`,
      comment: 'Auto-Flow console API: all cookies and query strings, the headers it reads, never Host',
      cookieBehavior: OriginRequestCookieBehavior.all(),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList(...CONSOLE_API_HEADERS),
    });
    const api: BehaviorOptions = { ...toApi, originRequestPolicy: apiRequests };
    // Webhooks: every viewer header but Host, since the signature and event headers differ per provider.
    const webhooks: BehaviorOptions = {
      ...toApi,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Auto-Flow ${props.stageName} console`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.domain && {
        domainNames: [props.domain.name],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { '/api/*': api, '/webhooks/*': webhooks },
    });

    if (props.assetsPath) {
      this.deployment = new BucketDeployment(this, 'Deployment', {
        sources: [Source.asset(props.assetsPath)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/index.html'],
        memoryLimit: 256,
      });
      this.acknowledgeDeployment();
    }

    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    this.acknowledgeFindings(props.domain !== undefined);
  }

  /** The deployment runs in a singleton function CDK adds at stack level; its findings are CDK's own, acknowledged there. */
  private acknowledgeDeployment(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const assets = `arn:${Aws.PARTITION}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`;
    const why = 'CDK BucketDeployment copies the SPA build from the CDK asset bucket into the console bucket';
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: `${why}; its runtime is pinned by aws-cdk-lib and moves with CDK upgrades.`,
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${why}; CDK gives its handler the basic execution role (its own logs only).`,
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: wildcardActionFinding(action),
        reason: `${why}: ${action} from CDK's bucket grants, limited to the asset bucket and the console bucket.`,
      })),
      {
        id: wildcardResourceFinding(handler, assets),
        reason: `${why}: reads the uploaded build archive from this environment's bootstrap asset bucket.`,
      },
      {
        id: wildcardResourceFinding(handler, `${this.bucket.bucketArn}/*`),
        reason: `${why}: writes and prunes the objects of the console bucket.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${why}: cloudfront:CreateInvalidation/GetInvalidation, which the handler calls after an upload to refresh index.html.`,
      },
    );
  }

  private acknowledgeFindings(customDomain: boolean): void {
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket is reachable only by CloudFront through OAC and holds the public SPA build; who reads it is visible at CloudFront and API Gateway, server access logs would add nothing.',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: the console is used by distributed teams and /webhooks must accept GitHub and Asana deliveries from wherever they send them.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF yet: webhooks are authenticated by HMAC, the API by session or bearer token, and API Gateway throttles per stage; WAF is a cost decision noted in docs/architecture.md.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Requests that matter (/api, /webhooks) are logged by API Gateway access logs with request ids; the static SPA needs no access log.',
      },
    );
    // With a custom domain the viewer certificate pins TLS 1.2 (2021 ciphers) and CFR4 passes unaided.
    if (!customDomain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain configured, so the default *.cloudfront.net certificate is used (its TLS floor is set by CloudFront); the origins are HTTPS only. Configure a domain and certificate to pin TLS 1.2.',
      });
  }
}
