// Replays a fuzz target without libFuzzer: every file of the seed corpus
// folder, then deterministic random inputs and byte-level mutations of the
// seeds. A crash or sanitizer report fails the test.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::string> seeds;
  if (argc > 1 && std::filesystem::is_directory(argv[1])) {
    for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
      std::ifstream in(e.path(), std::ios::binary);
      seeds.emplace_back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
  }
  for (const std::string& s : seeds)
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  std::mt19937 rng(12345);
  const char alphabet[] = "aAzZ .,;:'\"-\n\t{}[]\\/0123456789=>|&*+$#\xc3\xa9\xe2\x80\x99\xff";
  int runs = 0;
  for (int i = 0; i < 3000; ++i, ++runs) {
    std::string in;
    if (!seeds.empty() && i % 2 == 0) {
      in = seeds[rng() % seeds.size()];
      int edits = 1 + rng() % 8;
      for (int k = 0; k < edits && !in.empty(); ++k) {
        size_t pos = rng() % in.size();
        switch (rng() % 3) {
          case 0: in[pos] = char(rng() % 256); break;
          case 1: in.erase(pos, 1 + rng() % 4); break;
          default: in.insert(pos, 1, alphabet[rng() % (sizeof alphabet - 1)]);
        }
      }
    } else {
      size_t len = rng() % 256;
      for (size_t k = 0; k < len; ++k) in.push_back(alphabet[rng() % (sizeof alphabet - 1)]);
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(in.data()), in.size());
  }
  std::printf("replayed %zu seeds and %d generated inputs\n", seeds.size(), runs);
  return 0;
}
