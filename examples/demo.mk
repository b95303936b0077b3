demo: all
	@echo demo placeholder
.PHONY: demo
