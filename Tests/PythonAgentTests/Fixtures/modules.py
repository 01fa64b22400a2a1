import json
import collections
