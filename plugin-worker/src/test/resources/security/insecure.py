import subprocess
import yaml


def run(user_command):
    return subprocess.call("ls " + user_command, shell=True)


def load(text):
    return yaml.load(text)


def token():
    import random
    return random.random()
