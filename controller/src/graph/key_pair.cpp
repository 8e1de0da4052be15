#include "key_pair.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace lintel::controller::graph {

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* x509) const { X509_free(x509); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct NamesFree {
  void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
};

using Bio = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

Bio memory_bio(std::string_view pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The OpenSSL reason of the last error, cleared from the thread's queue; "" if there is none.
std::string last_openssl_reason() {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "";
  const char* reason = ERR_reason_error_string(code);
  return reason ? reason : "";
}

std::string with_reason(std::string message) {
  std::string reason = last_openssl_reason();
  return reason.empty() ? message : message + " (" + reason + ")";
}

// Reads every PEM block of `pem` as a certificate; null and `problem` set on the first that
// is not one.
std::vector<X509Ptr> read_chain(std::string_view pem, std::optional<std::string>& problem) {
  std::vector<X509Ptr> chain;
  Bio bio = memory_bio(pem);
  for (;;) {
    X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate) break;
    chain.push_back(std::move(certificate));
  }
  // Running out of PEM blocks is the normal end; anything else is a block that did not parse.
  unsigned long error = ERR_peek_last_error();
  if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) {
    ERR_clear_error();
  } else if (error != 0) {
    problem = with_reason("tls.crt holds a PEM block that is not a valid certificate");
    return {};
  }
  if (chain.empty()) problem = "tls.crt holds no PEM certificate";
  return chain;
}

std::vector<std::string> dns_names_of(X509* certificate) {
  std::vector<std::string> names;
  std::unique_ptr<GENERAL_NAMES, NamesFree> sans(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
  if (!sans) return names;
  for (int i = 0; i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans.get(), i);
    if (name->type != GEN_DNS) continue;
    const ASN1_IA5STRING* text = name->d.dNSName;
    std::string value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                      static_cast<std::size_t>(ASN1_STRING_length(text)));
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    names.push_back(std::move(value));
  }
  return names;
}

long long seconds_since_epoch(const ASN1_TIME* time) {
  static const ASN1_TIME* const kEpoch = [] {
    ASN1_TIME* epoch = ASN1_TIME_new();
    ASN1_TIME_set(epoch, 0);
    return epoch;
  }();
  int days = 0;
  int seconds = 0;
  if (!ASN1_TIME_diff(&days, &seconds, kEpoch, time)) return 0;
  return static_cast<long long>(days) * 86400 + seconds;
}

}  // namespace

KeyPair inspect_key_pair(std::string_view chain_pem, std::string_view key_pem) {
  KeyPair out;
  ERR_clear_error();
  std::vector<X509Ptr> chain = read_chain(chain_pem, out.problem);
  if (out.problem) return out;

  Bio key_bio = memory_bio(key_pem);
  // An empty passphrase callback: an encrypted key fails instead of prompting on the terminal.
  auto no_passphrase = [](char*, int, int, void*) { return 0; };
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) {
    out.problem = with_reason("tls.key holds no usable PEM private key (unencrypted)");
    return out;
  }
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    ERR_clear_error();
    out.problem = "tls.key is not the private key of the first certificate in tls.crt";
    return out;
  }
  out.dns_names = dns_names_of(chain.front().get());
  out.not_after = seconds_since_epoch(X509_get0_notAfter(chain.front().get()));
  return out;
}

}  // namespace lintel::controller::graph
