PREFIX ?= /usr/local

.PHONY: build test demo clean

build:
	swift build -c release

test:
	Scripts/test

demo:
	Scripts/demo

clean:
	swift package clean
