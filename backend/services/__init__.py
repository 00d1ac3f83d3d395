"""Domain services: the rules of the product, shared by the bot, the REST API and the admin."""
