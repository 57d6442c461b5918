// Numbers as ECMAScript writes them: RFC 8785 appendix B's samples and the notation boundaries.
#include "federation/documents/ecmascript_number.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace hindsight::federation {
namespace {

std::string from_bits(std::uint64_t bits) {
  return ecmascript_number(std::bit_cast<double>(bits));
}

// RFC 8785 appendix B, the IEEE 754 bit patterns and their serializations.
TEST(EcmascriptNumber, MatchesRfc8785AppendixB) {
  EXPECT_EQ(from_bits(0x0000000000000000), "0");
  EXPECT_EQ(from_bits(0x8000000000000000), "0");
  EXPECT_EQ(from_bits(0x0000000000000001), "5e-324");
  EXPECT_EQ(from_bits(0x8000000000000001), "-5e-324");
  EXPECT_EQ(from_bits(0x7fefffffffffffff), "1.7976931348623157e+308");
  EXPECT_EQ(from_bits(0xffefffffffffffff), "-1.7976931348623157e+308");
  EXPECT_EQ(from_bits(0x4340000000000000), "9007199254740992");
  EXPECT_EQ(from_bits(0xc340000000000000), "-9007199254740992");
  EXPECT_EQ(from_bits(0x4430000000000000), "295147905179352830000");
  EXPECT_EQ(from_bits(0x44b52d02c7e14af5), "9.999999999999997e+22");
  EXPECT_EQ(from_bits(0x44b52d02c7e14af6), "1e+23");
  EXPECT_EQ(from_bits(0x44b52d02c7e14af7), "1.0000000000000001e+23");
  EXPECT_EQ(from_bits(0x444b1ae4d6e2ef4e), "999999999999999700000");
  EXPECT_EQ(from_bits(0x444b1ae4d6e2ef4f), "999999999999999900000");
  EXPECT_EQ(from_bits(0x444b1ae4d6e2ef50), "1e+21");
  EXPECT_EQ(from_bits(0x3eb0c6f7a0b5ed8c), "9.999999999999997e-7");
  EXPECT_EQ(from_bits(0x3eb0c6f7a0b5ed8d), "0.000001");
  EXPECT_EQ(from_bits(0x41b3de4355555553), "333333333.3333332");
  EXPECT_EQ(from_bits(0x41b3de4355555554), "333333333.33333325");
  EXPECT_EQ(from_bits(0x41b3de4355555555), "333333333.3333333");
  EXPECT_EQ(from_bits(0x41b3de4355555556), "333333333.3333334");
  EXPECT_EQ(from_bits(0x41b3de4355555557), "333333333.33333343");
  EXPECT_EQ(from_bits(0xbecbf647612f3696), "-0.0000033333333333333333");
  EXPECT_EQ(from_bits(0x43143ff3c1cb0959), "1424953923781206.2");
}

TEST(EcmascriptNumber, RefusesNaNAndInfinityAsAppendixBSays) {
  EXPECT_THROW(from_bits(0x7fffffffffffffff), std::domain_error);
  EXPECT_THROW(from_bits(0x7ff0000000000000), std::domain_error);
  EXPECT_THROW(ecmascript_number(-std::numeric_limits<double>::infinity()), std::domain_error);
}

// Integers are written out below 1e21 and in exponent form from it (steps 6 and 9).
TEST(EcmascriptNumber, SwitchesToExponentFormAt1e21) {
  EXPECT_EQ(ecmascript_number(1e20), "100000000000000000000");
  EXPECT_EQ(ecmascript_number(1e21), "1e+21");
  EXPECT_EQ(ecmascript_number(1.5e21), "1.5e+21");
  EXPECT_EQ(ecmascript_number(123456789012345680000.0), "123456789012345680000");
}

// Fractions keep "0.000..." down to 1e-6 and use exponent form below it (steps 8 and 10).
TEST(EcmascriptNumber, SwitchesToExponentFormBelow1e6) {
  EXPECT_EQ(ecmascript_number(0.000001), "0.000001");
  EXPECT_EQ(ecmascript_number(0.0000012), "0.0000012");
  EXPECT_EQ(ecmascript_number(1e-7), "1e-7");
  EXPECT_EQ(ecmascript_number(1.23e-18), "1.23e-18");
  EXPECT_EQ(ecmascript_number(-1e-7), "-1e-7");
}

TEST(EcmascriptNumber, WritesTheShortestDigitsThatReadBack) {
  EXPECT_EQ(ecmascript_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(ecmascript_number(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(ecmascript_number(100), "100");
  EXPECT_EQ(ecmascript_number(4.5), "4.5");
  EXPECT_EQ(ecmascript_number(-12.75), "-12.75");
  EXPECT_EQ(ecmascript_number(1.5e300), "1.5e+300");
  EXPECT_EQ(ecmascript_number(1.5e-323), "1.5e-323");
}

}  // namespace
}  // namespace hindsight::federation
