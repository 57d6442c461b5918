// Provider-prefixed tokens, one row per documented format, grouped by kind of service. The
// pattern carries the format's length rule; `prefixed_token` refuses templates and bodies that
// are words; `bech32_key` accepts an age key whose checksum holds whatever it looks like.
// To add a format: one row, its prefix in tests/fuzz/anonymizer.dict, a token in
// tests/anonymizer/secrets_corpus_generator.py.
#include "common/anonymizer/detector.hpp"
#include "common/anonymizer/validators.hpp"

namespace hindsight::common::anonymizer {

std::vector<Detector> provider_token_detectors() {
  namespace v = validators;
  using T = EntityType;
  auto row = [](const char* name, const char* pattern, Confirm confirm = v::prefixed_token) {
    return Detector{name, T::kSecret, pattern, 0, confirm};
  };
  return {
      // --- source hosting, CI and deployment ---
      row("gitlab_runner_registration", R"(\bGR1348941[A-Za-z0-9_-]{20,})"),
      row("atlassian_api_token", R"(\bAT(?:ATT|CTT)3[A-Za-z0-9_=-]{60,})"),
      row("bitbucket_token", R"(\bATBB[A-Za-z0-9]{32,}\b)"),
      row("circleci_token", R"(\bCCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}\b)"),
      row("buildkite_token", R"(\bbku[a-z]_[a-f0-9]{40}\b)"),
      row("harness_token", R"(\b(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}\b)"),
      row("netlify_token", R"(\bnf[pc]_[A-Za-z0-9]{36,})"),
      row("heroku_token", R"(\bHRKU-[A-Za-z0-9_-]{58,})"),
      row("flyio_macaroon", R"(\bfm[12][ar]?_[A-Za-z0-9+/]{80,}={0,2})"),
      row("render_key", R"(\brnd_[A-Za-z0-9]{32,})"),
      row("vercel_blob_token", R"(\bvercel_blob_rw_[A-Za-z0-9]{16}_[A-Za-z0-9]{30})"),
      row("pulumi_token", R"(\bpul-[a-f0-9]{40}\b)"),
      row("terraform_cloud_token", R"(\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,})"),
      row("scalingo_token", R"(\btk-us-[A-Za-z0-9_-]{48})"),
      row("infracost_key", R"(\bico-[A-Za-z0-9]{32}\b)"),
      row("defined_networking_key", R"(\bdnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52})"),
      row("tailscale_key",
          R"(\btskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{8,}-[A-Za-z0-9]{20,})"),

      // --- package registries ---
      row("pypi_token", R"(\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})"),
      row("rubygems_key", R"(\brubygems_[a-f0-9]{48}\b)"),
      row("nuget_key", R"(\boy2[a-z0-9]{43}\b)"),
      row("crates_io_token", R"(\bcio[A-Za-z0-9]{32}\b)"),
      row("docker_oat", R"(\bdckr_oat_[A-Za-z0-9_-]{20,})"),
      row("jfrog_token", R"(\b(?:AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{40,})\b)"),
      row("sonar_token", R"(\bsq[upa]_[a-f0-9]{40}\b)"),

      // --- secret managers and infrastructure ---
      row("vault_token", R"(\bhv[sbr]\.[A-Za-z0-9_-]{24,})"),
      row("doppler_token", R"(\bdp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,})"),
      row("age_secret_key", R"(\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b)",
          v::bech32_key),
      row("supabase_key", R"(\b(?:sbp_[a-f0-9]{40}\b|sb_secret_[A-Za-z0-9_-]{31,}))"),
      row("neon_key", R"(\bnapi_[a-z0-9]{64}\b)"),
      row("pinecone_key", R"(\bpcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,})"),
      row("elastic_cloud_key", R"(\bessu_[A-Za-z0-9+/]{40,}={0,2})"),

      // --- observability and error tracking ---
      row("sentry_user_token", R"(\bsntryu_[a-f0-9]{64}\b)"),
      row("newrelic_key", R"(\bNR(?:AK|II|JS|AA|RA|SP)-[A-Z0-9]{27,32}\b)"),
      row("newrelic_license_key", R"(\b[a-f0-9]{36}NRAL\b)"),
      row("honeycomb_key", R"(\bhc[ax]i[kc]_[a-z0-9]{58}\b)"),
      row("dynatrace_token", R"(\bdt0[cs]01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b)"),
      row("segment_token", R"(\bsgp_[A-Za-z0-9]{64}\b)"),
      row("launchdarkly_key",
          R"(\b(?:sdk|api|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"),
      row("statsig_key", R"(\b(?:secret|console)-[A-Za-z0-9]{43}\b)"),
      row("langsmith_key", R"(\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b)"),

      // --- cloud providers ---
      row("google_oauth_client_secret", R"(\bGOCSPX-[A-Za-z0-9_-]{28})"),
      row("google_refresh_token", R"(\b1//0[A-Za-z0-9_-]{40,})"),
      row("firebase_fcm_key", R"(\bAAAA[A-Za-z0-9_-]{7}:[A-Za-z0-9_-]{140})"),
      Detector{"azure_ad_client_secret", T::kSecret,
               R"((?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}))", 1,
               v::prefixed_token},
      row("azure_devops_pat", R"(\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\b)"),
      row("alibaba_access_key", R"(\bLTAI[A-Za-z0-9]{20}\b)"),
      row("tencent_secret_id", R"(\bAKID[A-Za-z0-9]{32}\b)"),
      row("yandex_key", R"(\b(?:AQVN[A-Za-z0-9_-]{35,38}|y[0-3]_[A-Za-z0-9_-]{55,}))"),
      row("salesforce_token", R"(\b00D[A-Za-z0-9]{12}![A-Za-z0-9_.]{80,})"),

      // --- payment ---
      row("stripe_webhook_secret", R"(\bwhsec_[A-Za-z0-9+/=]{24,})"),
      row("square_token", R"(\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,43})"),
      row("shippo_token", R"(\bshippo_(?:live|test)_[a-f0-9]{40}\b)"),
      row("braintree_token",
          R"(\baccess_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}\b)", v::accept),
      row("plaid_token",
          R"(\baccess-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"),
      row("live_payment_key", R"(\blive_[A-Za-z0-9_-]{30,})"),
      row("test_payment_key", R"(\btest_(?:[a-f0-9]{35}|[A-Za-z0-9]{30})\b)"),
      row("duffel_token", R"(\bduffel_(?:test|live)_[A-Za-z0-9_=-]{43})"),
      row("easypost_key", R"(\bEZ[AT]K[A-Za-z0-9]{54}\b)"),

      // --- chat, mail and messaging ---
      row("slack_config_token", R"(\bxoxe\.xox[bp]-\d-[A-Za-z0-9]{100,})"),
      row("discord_bot_token",
          R"(\b[MN][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})"),
      row("discord_webhook",
          R"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]{60,})",
          v::accept),
      row("teams_webhook",
          R"(https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/_-]{40,})", v::accept),
      row("zapier_webhook", R"(https://hooks\.zapier\.com/hooks/catch/\d+/[a-z0-9]+/?)", v::accept),
      row("telegram_bot_token", R"(\b\d{8,10}:AA[A-Za-z0-9_-]{33})"),
      row("mailgun_key", R"(\bkey-[a-f0-9]{32}\b)"),
      row("mailchimp_key", R"(\b[a-f0-9]{32}-us\d{1,2}\b)"),
      row("brevo_key", R"(\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\b)"),
      row("resend_key", R"(\bre_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}\b)"),
      row("intercom_token", R"(\bdG9rOj[A-Za-z0-9+/]{40,}={0,2})"),

      // --- productivity, content and AI services ---
      row("airtable_token", R"(\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b)"),
      row("asana_token", R"(\b[12]/\d{10,16}(?:/\d{10,16})?:[a-f0-9]{32}\b)"),
      row("notion_token", R"(\b(?:ntn_[0-9]{11}[A-Za-z0-9]{32,35}|secret_[A-Za-z0-9]{43})\b)"),
      row("figma_token", R"(\bfig[dou]_[A-Za-z0-9_-]{40,})"),
      row("dropbox_token", R"(\bsl\.[A-Za-z0-9_-]{130,})"),
      row("mapbox_secret_token", R"(\bsk\.eyJ[A-Za-z0-9_-]{40,}\.[A-Za-z0-9_-]{20,})"),
      row("contentful_token", R"(\bCFPAT-[A-Za-z0-9_-]{43})"),
      row("hubspot_token",
          R"(\bpat-(?:na|eu)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"),
      row("clickup_token", R"(\bpk_\d{6,10}_[A-Z0-9]{32}\b)"),
      row("linear_oauth_token", R"(\blin_oauth_[a-f0-9]{64}\b)"),
      row("readme_key", R"(\brdme_[a-z0-9]{70}\b)"),
      row("frameio_token", R"(\bfio-u-[A-Za-z0-9_=-]{64})"),
      row("adafruit_key", R"(\baio_[A-Za-z0-9]{28}\b)"),
      row("groq_key", R"(\bgsk_[A-Za-z0-9]{52}\b)"),
      row("perplexity_key", R"(\bpplx-[A-Za-z0-9]{48}\b)"),
      row("xai_key", R"(\bxai-[A-Za-z0-9]{80}\b)"),
      row("replicate_token", R"(\br8_[A-Za-z0-9]{37}\b)"),
  };
}

}  // namespace hindsight::common::anonymizer
