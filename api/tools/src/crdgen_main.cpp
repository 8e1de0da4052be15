// lintel_crdgen --out DIR: writes the CustomResourceDefinitions of every schema kind into
// DIR/standard and DIR/experimental (the `crds` build target points it at crds/).
#include <exception>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "crd_files.h"
#include "crd_output.h"
#include "lintel/api/schema.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::string_view(argv[1]) != "--out") {
    std::cerr << "usage: lintel_crdgen --out DIR\n";
    return 2;
  }
  try {
    auto files = lintel::crdgen::generate_crd_files(lintel::api::schema_kinds());
    lintel::crdgen::write_crd_files(files, std::filesystem::path(argv[2]));
    std::cout << "lintel_crdgen: " << files.size() << " CRDs in " << argv[2] << "\n";
  } catch (const std::exception& error) {
    std::cerr << "lintel_crdgen: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
