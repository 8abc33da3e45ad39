// Bad programs: each must fail with exactly this message: file:line:col, what is wrong,
// the source line, a caret under the culprit and, where there is one, what to try.
#include <gtest/gtest.h>

#include "engine/frontend/program.h"

namespace rw {
namespace {

// Loads resolve against a shared conformance case, which has a.npy (16, 24) and b.npy (24, 8).
const std::filesystem::path kCaseDir = std::filesystem::path(REWIND_SHARED_DIR) / "conformance/matmul";

void expect_error(const std::string& program, const std::string& message) {
  Arena arena;
  try {
    build_program(arena, program, "bad.tg", kCaseDir);
    ADD_FAILURE() << "no error for:\n" << program;
  } catch (const ProgramError& e) {
    std::string what = e.what();
    const std::string dir = kCaseDir.string();
    for (size_t at; (at = what.find(dir)) != std::string::npos;) what.replace(at, dir.size(), "<case>");
    EXPECT_EQ(what, message);
  }
}

TEST(ProgramErrors, BroadcastMismatchNamesBothShapes) {
  expect_error("a = load(\"a.npy\")\nb = load(\"b.npy\")\ny = a + b\n",
               "bad.tg:3:7: error: add: cannot broadcast shapes (16, 24) and (24, 8)\n  y = a + b\n        ^\n  hint: aligned from the right, each pair of sizes must be equal or one of them 1");
}

TEST(ProgramErrors, ReshapeToTheWrongSize) {
  expect_error("x = arange(12).reshape(5, 3)\n",
               "bad.tg:1:16: error: cannot reshape (12,) (12 elements) to (5, 3) (15 elements)\n  x = arange(12).reshape(5, 3)\n                 ^");
}

TEST(ProgramErrors, AxisOutOfRange) {
  expect_error("x = arange(6)\ny = x.sum(axis=2)\n",
               "bad.tg:2:7: error: axis 2 is out of range for shape (6,)\n  y = x.sum(axis=2)\n        ^\n  hint: valid axes are -1 to 0");
}

TEST(ProgramErrors, UndefinedName) {
  expect_error("y = foo + 1\n",
               "bad.tg:1:5: error: name 'foo' is not defined\n  y = foo + 1\n      ^\n  hint: assign it first: foo = ...");
}

TEST(ProgramErrors, UnknownMethodSuggestsACloseName) {
  expect_error("y = arange(4).exx()\n",
               "bad.tg:1:15: error: unknown method 'exx'\n  y = arange(4).exx()\n                ^\n  hint: did you mean 'exp'?");
}

TEST(ProgramErrors, UnexpectedCharacter) {
  expect_error("y = arange(4) $ 2\n",
               "bad.tg:1:15: error: unexpected character '$'\n  y = arange(4) $ 2\n                ^");
}

TEST(ProgramErrors, UnclosedBracket) {
  expect_error("y = (arange(4) + 2\n",
               "bad.tg:1:5: error: this bracket is never closed\n  y = (arange(4) + 2\n      ^\n  hint: add the matching closing bracket");
}

TEST(ProgramErrors, UnclosedString) {
  expect_error("y = \"abc\n",
               "bad.tg:1:5: error: this string is never closed\n  y = \"abc\n      ^\n  hint: end it with \" on the same line");
}

TEST(ProgramErrors, MatmulInnerSizesDiffer) {
  expect_error("a = load(\"a.npy\")\ny = a @ a\n",
               "bad.tg:2:7: error: matmul: shapes (16, 24) and (16, 24) do not fit: the inner sizes 24 and 16 differ\n  y = a @ a\n        ^\n  hint: a @ b needs a's last size to equal b's second to last size; transpose one of them (.T)?");
}

TEST(ProgramErrors, MissingInputFile) {
  expect_error("y = load(\"missing.npy\")\n",
               "bad.tg:1:10: error: <case>/missing.npy: cannot open the file (does it exist?)\n  y = load(\"missing.npy\")\n           ^\n  hint: paths are relative to the program's folder, <case>");
}

TEST(ProgramErrors, UnusedExpression) {
  expect_error("x = arange(4)\nx + 1\n",
               "bad.tg:2:3: error: this expression's value is not used\n  x + 1\n    ^\n  hint: assign it (name = ...) or pass it to output(...)");
}

TEST(ProgramErrors, OutputNamedTwice) {
  expect_error("y = arange(4)\noutput(y, y)\n",
               "bad.tg:2:11: error: the output 'y' is given twice\n  output(y, y)\n            ^\n  hint: each output needs its own name");
}

TEST(ProgramErrors, PermuteWithRepeatedAxis) {
  expect_error("y = arange(4).reshape(2, 2).permute(0, 0)\n",
               "bad.tg:1:29: error: cannot permute (2, 2) by (0, 0): the order must list each axis once\n  y = arange(4).reshape(2, 2).permute(0, 0)\n                              ^");
}

TEST(ProgramErrors, ExpandANonUnitAxis) {
  expect_error("y = arange(4).expand(3, 5)\n",
               "bad.tg:1:15: error: cannot expand shape (4,) to (3, 5)\n  y = arange(4).expand(3, 5)\n                ^\n  hint: only axes of size 1 can be expanded; axis 1 has size 4");
}

TEST(ProgramErrors, PadWithTheWrongNumberOfPairs) {
  expect_error("y = arange(4).pad(((1, 2), (0, 1)))\n",
               "bad.tg:1:15: error: cannot pad shape (4,) with ((1, 2), (0, 1))\n  y = arange(4).pad(((1, 2), (0, 1)))\n                ^\n  hint: give one (before, after) pair per dimension (1)");
}

TEST(ProgramErrors, ShrinkPastTheEnd) {
  expect_error("y = arange(4).shrink(((1, 7),))\n",
               "bad.tg:1:15: error: cannot shrink shape (4,) to ((1, 7),): axis 0 has size 4\n  y = arange(4).shrink(((1, 7),))\n                ^\n  hint: each range must satisfy 0 <= start <= end <= size");
}

TEST(ProgramErrors, FloatAxis) {
  expect_error("y = arange(4).sum(axis=1.5)\n",
               "bad.tg:1:24: error: sum() needs an int or a tuple of ints for 'axis', got the float 1.5\n  y = arange(4).sum(axis=1.5)\n                         ^");
}

TEST(ProgramErrors, UnsupportedCastDtype) {
  expect_error("y = arange(4).cast(\"float16\")\n",
               "bad.tg:1:20: error: unknown dtype \"float16\"\n  y = arange(4).cast(\"float16\")\n                     ^\n  hint: use one of float32, float64, int32, int64, bool");
}

TEST(ProgramErrors, UnknownKeyword) {
  expect_error("y = arange(4).sum(keepdims=True)\n",
               "bad.tg:1:28: error: sum() has no parameter 'keepdims'\n  y = arange(4).sum(keepdims=True)\n                             ^\n  hint: usage: x.sum(axis, keepdim) or sum(x, axis, keepdim)");
}

TEST(ProgramErrors, ReshapeWithoutAShape) {
  expect_error("y = arange(4).reshape()\n",
               "bad.tg:1:15: error: cannot reshape (4,) (4 elements) to () (1 element)\n  y = arange(4).reshape()\n                ^");
}

TEST(ProgramErrors, NegativeShape) {
  expect_error("y = zeros(2, -3)\n",
               "bad.tg:1:11: error: zeros(): shape (2, -3) has a negative size\n  y = zeros(2, -3)\n            ^");
}

TEST(ProgramErrors, RaggedTensorLiteral) {
  expect_error("y = tensor([[1, 2], [3]])\n",
               "bad.tg:1:12: error: tensor(): the nested lists are ragged: lengths 2 and 1 at depth 1\n  y = tensor([[1, 2], [3]])\n             ^");
}

TEST(ProgramErrors, ChainedComparison) {
  expect_error("y = 1 < arange(3) < 2\n",
               "bad.tg:1:19: error: chained comparisons like a < b < c are not supported\n  y = 1 < arange(3) < 2\n                    ^\n  hint: compare twice and combine the results, e.g. where(a < b, b < c, False)");
}

TEST(ProgramErrors, Indexing) {
  expect_error("y = arange(4)[1]\n",
               "bad.tg:1:14: error: indexing with [...] is not supported\n  y = arange(4)[1]\n               ^\n  hint: use shrink(((start, end), ...)) to take a slice");
}

TEST(ProgramErrors, Conv2dChannelMismatch) {
  expect_error("x = arange(16).reshape(1, 1, 4, 4).float()\nw = ones(2, 3, 3, 3)\ny = x.conv2d(w)\n",
               "bad.tg:3:7: error: conv2d: input (1, 1, 4, 4) has 1 channel but weight (2, 3, 3, 3) expects 3\n  y = x.conv2d(w)\n        ^\n  hint: the input is NCHW and the weight OIHW: their second sizes must agree");
}

TEST(ProgramErrors, MaxPoolOnAVector) {
  expect_error("y = arange(4).max_pool2d(2)\n",
               "bad.tg:1:15: error: max_pool2d needs at least 2 dimensions, got shape (4,)\n  y = arange(4).max_pool2d(2)\n                ^");
}

TEST(ProgramErrors, CreationFunctionCalledAsAMethod) {
  expect_error("x = 3\ny = x.arange()\n",
               "bad.tg:2:7: error: 'arange' is a function, not a method\n  y = x.arange()\n        ^\n  hint: call it as arange(...)");
}

TEST(ProgramErrors, NumberDivisionByZero) {
  expect_error("y = 1 / 0\n",
               "bad.tg:1:7: error: division by zero\n  y = 1 / 0\n        ^");
}

TEST(ProgramErrors, ArangeStepZero) {
  expect_error("y = arange(4, step=0)\n",
               "bad.tg:1:5: error: arange: step must not be zero\n  y = arange(4, step=0)\n      ^");
}

TEST(ProgramErrors, FlipTheSameAxisTwice) {
  expect_error("y = arange(4).flip(0, 0)\n",
               "bad.tg:1:15: error: cannot flip shape (4,): an axis is listed twice\n  y = arange(4).flip(0, 0)\n                ^");
}

TEST(ProgramErrors, OutputOfANumber) {
  expect_error("y = arange(4)\noutput(y + 1, 3)\n",
               "bad.tg:2:15: error: output() needs tensors, got the int 3\n  output(y + 1, 3)\n                ^");
}

TEST(ProgramErrors, MethodWithoutCall) {
  expect_error("y = arange(4).T.exp\n",
               "bad.tg:1:17: error: 'exp' is a method: call it\n  y = arange(4).T.exp\n                  ^\n  hint: write .exp(...)");
}

TEST(ProgramErrors, WhereShapesDoNotBroadcast) {
  expect_error("y = where(arange(3) > 0, arange(3), arange(4))\n",
               "bad.tg:1:5: error: where: cannot broadcast shapes (3,) and (4,)\n  y = where(arange(3) > 0, arange(3), arange(4))\n      ^\n  hint: aligned from the right, each pair of sizes must be equal or one of them 1");
}

TEST(ProgramErrors, TooManyArguments) {
  expect_error("y = arange(4, 5, 1, 2)\n",
               "bad.tg:1:21: error: arange() got too many positional arguments\n  y = arange(4, 5, 1, 2)\n                      ^\n  hint: usage: arange(start, stop, step)");
}

TEST(ProgramErrors, SaveWithoutAPath) {
  expect_error("y = arange(4)\nsave(y)\n",
               "bad.tg:2:1: error: save() is missing its argument 'path'\n  save(y)\n  ^\n  hint: usage: save(value, path)");
}

TEST(ProgramErrors, MissingExpression) {
  expect_error("y = = 3\n",
               "bad.tg:1:5: error: expected an expression, found '='\n  y = = 3\n      ^");
}

TEST(ProgramErrors, KeywordGivenTwice) {
  expect_error("y = cumsum(arange(4), axis=0, axis=0)\n",
               "bad.tg:1:31: error: keyword argument 'axis' is given twice\n  y = cumsum(arange(4), axis=0, axis=0)\n                                ^");
}

TEST(ProgramErrors, PositionalAfterKeyword) {
  expect_error("y = sum(arange(4), axis=0, 1)\n",
               "bad.tg:1:28: error: a positional argument cannot follow a keyword argument\n  y = sum(arange(4), axis=0, 1)\n                             ^\n  hint: put positional arguments first, or name this one too");
}

TEST(ProgramErrors, OutputUsedAsAValue) {
  expect_error("y = output(arange(3))\n",
               "bad.tg:1:5: error: output(...) is a statement, not a value\n  y = output(arange(3))\n      ^\n  hint: write it on a line of its own");
}

TEST(ProgramErrors, StringOperand) {
  expect_error("y = \"a\" + arange(3)\n",
               "bad.tg:1:9: error: unsupported operands for +: the string \"a\" and a tensor of shape (3,) int32\n  y = \"a\" + arange(3)\n          ^");
}

TEST(ProgramErrors, MatmulBatchDimensionsDoNotBroadcast) {
  expect_error("a = load(\"a.npy\")\ny = a.reshape(2, 8, 24) @ a.reshape(4, 24, 4)\n",
               "bad.tg:2:25: error: matmul: the batch dimensions of (2, 8, 24) and (4, 24, 4) do not broadcast\n  y = a.reshape(2, 8, 24) @ a.reshape(4, 24, 4)\n                          ^");
}

TEST(ProgramErrors, SoftmaxAxisOutOfRange) {
  expect_error("y = arange(12).reshape(3, 4).float().softmax(axis=2)\n",
               "bad.tg:1:38: error: axis 2 is out of range for shape (3, 4)\n  y = arange(12).reshape(3, 4).float().softmax(axis=2)\n                                       ^\n  hint: valid axes are -2 to 1");
}

TEST(ProgramErrors, TransposeAxisOutOfRange) {
  expect_error("y = arange(12).reshape(3, 4).transpose(0, 5)\n",
               "bad.tg:1:30: error: axis 5 is out of range for shape (3, 4)\n  y = arange(12).reshape(3, 4).transpose(0, 5)\n                               ^\n  hint: valid axes are -2 to 1");
}

TEST(ProgramErrors, ReshapeWithTwoInferredSizes) {
  expect_error("y = arange(12).reshape(2, -1, -1)\n",
               "bad.tg:1:16: error: cannot reshape (12,) to (2, -1, -1): only one size can be -1\n  y = arange(12).reshape(2, -1, -1)\n                 ^");
}

TEST(ProgramErrors, NegativeSeed) {
  expect_error("y = rand(2, seed=-1)\n",
               "bad.tg:1:18: error: rand/randn seeds must not be negative, got -1\n  y = rand(2, seed=-1)\n                   ^");
}

TEST(ProgramErrors, MaxPoolKernelLargerThanTheInput) {
  expect_error("y = zeros(1, 1, 4, 4).max_pool2d(5)\n",
               "bad.tg:1:23: error: max_pool2d: kernel 5 is larger than the spatial shape (4, 4)\n  y = zeros(1, 1, 4, 4).max_pool2d(5)\n                        ^");
}

TEST(ProgramErrors, NegativeEye) {
  expect_error("y = eye(-1)\n",
               "bad.tg:1:5: error: eye: size -1 is negative\n  y = eye(-1)\n      ^");
}

TEST(ProgramErrors, EmptyOutput) {
  expect_error("output()\n",
               "bad.tg:1:1: error: output() needs at least one tensor\n  output()\n  ^\n  hint: write output(y) or output(a, b)");
}

TEST(ProgramErrors, AssignmentWithoutAValue) {
  expect_error("x =\n",
               "bad.tg:1:4: error: expected an expression after '=', found end of line\n  x =\n     ^");
}

TEST(ProgramErrors, AssignmentToANumber) {
  expect_error("1 = arange(3)\n",
               "bad.tg:1:3: error: expected the end of the statement, found '='\n  1 = arange(3)\n    ^\n  hint: only a plain name can be assigned to: name = expression");
}

TEST(ProgramErrors, UnmatchedClosingBracket) {
  expect_error("y = arange(3))\n",
               "bad.tg:1:14: error: unmatched ')'\n  y = arange(3))\n               ^\n  hint: remove it or add the opening bracket");
}

TEST(ProgramErrors, ShrinkRangeThatIsNotAPair) {
  expect_error("y = arange(6).reshape(2, 3).shrink(((1, 2, 3), (0, 1)))\n",
               "bad.tg:1:36: error: shrink() needs a tuple of (start, end) pairs for 'ranges', but item 0 is a tuple of 3 items\n  y = arange(6).reshape(2, 3).shrink(((1, 2, 3), (0, 1)))\n                                     ^\n  hint: write one pair per axis, e.g. ((1, 1), (0, 2))");
}

TEST(ProgramErrors, LoadOfANumber) {
  expect_error("y = load(3)\n",
               "bad.tg:1:10: error: load() needs a string for 'path', got the int 3\n  y = load(3)\n           ^");
}

TEST(ProgramErrors, MatmulWithANumber) {
  expect_error("y = 2 @ arange(3)\n",
               "bad.tg:1:7: error: @ needs two tensors, got the int 2 and a tensor of shape (3,) int32\n  y = 2 @ arange(3)\n        ^\n  hint: use * to scale by a number");
}

TEST(ProgramErrors, CumsumAxisOutOfRange) {
  expect_error("y = arange(4).cumsum(axis=1)\n",
               "bad.tg:1:15: error: axis 1 is out of range for shape (4,)\n  y = arange(4).cumsum(axis=1)\n                ^\n  hint: valid axes are -1 to 0");
}

TEST(ProgramErrors, PermuteWithTooManyAxes) {
  expect_error("y = arange(4).permute(0, 1)\n",
               "bad.tg:1:15: error: cannot permute shape (4,) by (0, 1): give one axis per dimension (1)\n  y = arange(4).permute(0, 1)\n                ^");
}

}  // namespace
}  // namespace rw
