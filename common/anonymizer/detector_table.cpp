// The built-in detector table. Patterns are RE2 syntax (and compile in Hyperscan's prefilter
// mode); a capture group, when given, is the span that becomes the finding.
#include <iterator>

#include "common/anonymizer/account_finders.hpp"
#include "common/anonymizer/address_finders.hpp"
#include "common/anonymizer/detector.hpp"
#include "common/anonymizer/handed_key_finder.hpp"
#include "common/anonymizer/host_name_finders.hpp"
#include "common/anonymizer/long_word_finder.hpp"
#include "common/anonymizer/secret_finders.hpp"
#include "common/anonymizer/shell_command_finders.hpp"
#include "common/anonymizer/url_finders.hpp"
#include "common/anonymizer/validators.hpp"

namespace hindsight::common::anonymizer {

std::vector<Detector> builtin_detectors() {
  namespace v = validators;
  using T = EntityType;
  std::vector<Detector> table = {
      // --- secrets: whole PEM blocks, JWTs, provider tokens with a known prefix ---
      {"private_key", T::kSecret,
       R"(-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s:,-]*))",
       0, v::accept},
      {"jwt", T::kSecret, R"(\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?)", 0,
       v::accept},
      {"base64_json_token", T::kSecret, R"(\b(?:ops_)?eyJ[A-Za-z0-9+/_-]{24,}={0,2})", 0,
       v::provider_token},
      {"github_token", T::kSecret,
       R"(\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}))", 0, v::checksummed_token},
      {"gitlab_token", T::kSecret,
       R"(\bgl(?:pat|dt|rt|ptt|ft|imt|cbt|soat|oas|agent)-[A-Za-z0-9_-]{16,})", 0,
       v::provider_token},
      {"slack_token", T::kSecret, R"(\bxox[abposre]-[A-Za-z0-9-]{10,})", 0, v::provider_token},
      {"slack_webhook", T::kSecret,
       R"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_+-]{16,})", 0,
       v::accept},
      {"stripe_key", T::kSecret, R"(\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})", 0,
       v::provider_token},
      {"twilio_key", T::kSecret, R"(\bSK[0-9a-fA-F]{32}\b)", 0, v::provider_token},
      {"sendgrid_key", T::kSecret, R"(\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})", 0,
       v::provider_token},
      {"npm_token", T::kSecret, R"(\bnpm_[A-Za-z0-9]{36}\b)", 0, v::checksummed_token},
      {"aws_access_key", T::kSecret, R"(\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b)", 0,
       v::provider_token},
      {"aws_bedrock_key", T::kSecret, R"(\bABSK[A-Za-z0-9+/]{32,}={0,2})", 0, v::provider_token},
      {"google_api_key", T::kSecret, R"(\bAIza[0-9A-Za-z_-]{35}\b)", 0, v::provider_token},
      {"openai_anthropic_key", T::kSecret,
       R"(\bsk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})", 0, v::provider_token},
      {"huggingface_token", T::kSecret, R"(\b(?:hf_|api_org_)[A-Za-z0-9]{30,}\b)", 0,
       v::provider_token},
      {"prefixed_token", T::kSecret,
       R"(\b(?:lin_api_|do[opr]_v1_|shp(?:at|ca|pa|ss)_|pscale_(?:tkn|oauth|pw)_|CLOJARS_|sm_aat_|tfp_|fo1_|dapi|pnu_|glc_|glsa_|sntrys_|dckr_pat_|PMAK-|xapp-|ya29\.|cfat_|cfut_|FLWSECK(?:_TEST)?-|EAAA|API-)[A-Za-z0-9_=.+/-]{12,})",
       0, v::provider_token},
      {"onepassword_secret_key", T::kSecret,
       R"(\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b)",
       0, v::provider_token},
      {"cloudflare_origin_key", T::kSecret, R"(\bv1\.0-[a-f0-9]{24}-[a-f0-9]{64,})", 0,
       v::provider_token},
  };
  std::vector<Detector> later_rows = {
      // --- secrets by their place: in a URL, after a key or flag naming a secret, handed over ---
      {"url_password", T::kSecret, R"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@"'`]*:([^\s@/]+)@)", 1,
       v::url_password, true, find_url_password},
      {"user_password_flag", T::kSecret,
       R"((?:^|[ \t])(?:-u|--user)[ \t=]+["']?[^\s:"'@]+:([^\s"']+))", 1, v::password_argument,
       false, find_user_password_flag},
      {"password_argument", T::kSecret,
       R"(\b(?:mysql(?:dump|admin|import)?|mariadb|sshpass|mongosh|mongo|(?:docker|podman|skopeo|oras) login)\b[^\n]*?[ \t]-p[ \t]*(\S+))",
       1, v::password_argument, false, find_password_argument},
      {"redis_cli_password", T::kSecret, R"(\bredis-cli\b[^\n]*?[ \t]-a[ \t]+(\S+))", 1,
       v::password_argument, false, find_redis_cli_password},
      {"htpasswd_password", T::kSecret,
       R"(\bhtpasswd[ \t]+-[a-zA-Z]*b[a-zA-Z]*[ \t]+\S+[ \t]+\S+[ \t]+(\S+))", 1,
       v::password_argument, true, find_htpasswd_password},
      {"authorization_header", T::kSecret,
       R"((?i)\bauthorization:\s*(?:basic|bearer|token|digest|ssws|apikey|key)\s+([A-Za-z0-9._~+/=-]{8,}))",
       1, v::secret_value, false, find_authorization_header},
      {"secret_assignment", T::kSecret,
       R"((?i)\b[a-z0-9_.-]*(?:pass|pwd|secret|token|key|auth|credential)[a-z0-9_.-]*["']?[ \t]*(?::=|=>|=|:)[ \t]*)",
       0, v::keyed_secret, true, find_secret_assignment},
      {"secret_flag", T::kSecret,
       R"((?i)[ \t\n]--?[a-z0-9-]*(?:pass|pwd|secret|token|key|auth|credential)[a-z0-9-]*(?:=|[ \t]+))",
       0, v::keyed_secret, true, find_secret_flag},
      {"config_set_secret", T::kSecret,
       R"(\bconfig(?:ure)? set[ \t]+([A-Za-z0-9_.:/-]*(?:secret|token|password|key|auth)[A-Za-z0-9_.:/-]*))",
       1, v::set_command_value},
      {"named_secret_value", T::kSecret, R"(\b(?:default|value)["']?[ \t]*[=:][ \t]*)", 0,
       v::named_value, false, find_named_value},
      {"secret_mention", T::kSecret,
       R"((?i)\b(?:bearer|token|key|secret|password|passwd|credential)s?(?:\s+(?:is|was|of|for))?[ \t:=]+[`'"]?([A-Za-z0-9][A-Za-z0-9_+/=.~!#&*-]{11,}))",
       1, v::secret_value, false, find_secret_mention},
      {"quoted_credential", T::kSecret,
       R"(`([A-Za-z0-9_+/=.-]{12,})`\s*\((?:the|an?|our)\s[^)]{0,40}?\b(?:token|key|secret|password|credential)s?\b)",
       1, v::secret_value},
      {"handed_over_key", T::kSecret,
       R"((?i)\b(?:it(?:'|’)?s|it is|use(?: this(?: one)?)?|try|here it is|here(?:'|’)?s|(?:pw|pass|password|key|secret|token|passphrase) is|new one is|changed it to|set it to)[ \t]*:?[ \t]*[`'"]?([A-Za-z0-9+/_-]{16,}={0,2}))",
       1, v::handed_over_key, false, find_handed_over_key},
      {"high_entropy_string", T::kSecret,
       R"((?:^|[^A-Za-z0-9+/_.=-])([A-Za-z0-9][A-Za-z0-9+/_-]{19,}={0,2}))", 1, v::high_entropy,
       true, find_long_word},

      // --- addresses ---
      {"email", T::kEmail,
       R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)", 0, v::email,
       true, find_email},
      {"url", T::kUrl,
       R"(\b(?:https?|ftp|s3|gs|wss?|postgres(?:ql)?|mysql|redis|mongodb(?:\+srv)?|amqps?|sftp|ssh|git)://[^\s<>"'`]+)",
       0, v::url, true, find_url},
      {"ipv4", T::kIpAddress, R"(\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b)", 0, v::ipv4, true,
       find_ipv4},
      {"ipv6", T::kIpAddress,
       R"((?i)(?:[0-9a-f]{1,4}:|::)[0-9a-f]{0,4}:[0-9a-f:.]*[0-9a-f](?:%[0-9a-z_.-]+)?(?:/\d{1,3})?)",
       0, v::ipv6, true, find_ipv6},
      {"mac_address", T::kMacAddress,
       R"(\b(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})\b)",
       0, v::mac},
      {"dotted_host", T::kHostname,
       R"(\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\b)", 0,
       v::dotted_host, true, find_dotted_name},
      {"short_host", T::kHostname,
       R"(\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z]{2,5}[0-9]{1,2})?\b)", 0, v::short_host, true,
       find_short_host},
      {"phone", T::kPhone,
       R"(\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}|(?:\(\d{3}\)\s?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b)", 0,
       v::phone},

      // --- accounts and tickets ---
      {"aws_arn_account", T::kAccountId, R"(\barn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):)", 1,
       v::accept},
      {"cloud_account_number", T::kAccountId, R"(\b\d{12}\b)", 0, v::cloud_account, true,
       find_twelve_digits},
      {"subscription_guid", T::kAccountId,
       R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)", 0,
       v::subscription_guid},
      {"ticket_id", T::kAccountId, R"(\b[A-Z][A-Z]{1,9}-\d{2,8}\b)", 0, v::ticket_id, true,
       find_ticket_id},

      // --- people's handles ---
      {"at_handle", T::kUsername, R"((?:^|[^A-Za-z0-9._%+-])(@[a-z0-9][a-z0-9._-]{1,38}[a-z0-9]))",
       1, v::handle, false, find_at_handle},
      {"chat_nick", T::kUsername, R"((?m)^(?:\[[0-9:]+\]\s*)?<([a-z][a-z0-9._-]{1,31})>)", 1,
       v::login_name, false, find_chat_nick},
      {"login_field", T::kUsername,
       R"((?i)["']?\b(?:user|username|user_name|login|usename|assignee|author)["']?\s*[:=]\s*["']?([a-z][a-z0-9._-]{1,31})\b)",
       1, v::login_name, false, find_login_field},
      {"assumed_by", T::kUsername,
       R"(\b(?:assumed by|logged in as|ssh(?:'d)? as|sudo by|run by user)\s+([a-z][a-z0-9._-]{2,31})\b)",
       1, v::login_name},
  };
  // The provider token table (provider_token_table.cpp) joins the secrets with a known prefix,
  // before those found by their place.
  auto append = [&table](std::vector<Detector> rows) {
    table.insert(table.end(), std::make_move_iterator(rows.begin()),
                 std::make_move_iterator(rows.end()));
  };
  append(provider_token_detectors());
  append(std::move(later_rows));
  return table;
}

}  // namespace hindsight::common::anonymizer
