{% macro phone_numbering_plans() -%}
    {#- The numbering plans normalize_phone knows: calling code, the trunk prefix dialled
        before a national number (dropped in E.164), and a regex of the national
        significant number. A number with an unknown calling code is accepted when it has
        8 to 15 digits. ES has no trunk prefix, but a leading 0 typed out of habit is
        dropped (Spanish numbers never start with 0). -#}
    {{ return([
        {'countries': ['US', 'CA', 'PR', 'VI', 'GU', 'AS', 'MP'], 'calling_code': '1', 'trunk_prefix': '',
         'national_pattern': '[2-9][0-9]{2}[2-9][0-9]{6}'},
        {'countries': ['GB', 'GG', 'JE', 'IM'], 'calling_code': '44', 'trunk_prefix': '0',
         'national_pattern': '[1-9][0-9]{8,9}'},
        {'countries': ['DE'], 'calling_code': '49', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{5,12}'},
        {'countries': ['FR'], 'calling_code': '33', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{8}'},
        {'countries': ['ES'], 'calling_code': '34', 'trunk_prefix': '0', 'national_pattern': '[5-9][0-9]{8}'},
        {'countries': ['IT'], 'calling_code': '39', 'trunk_prefix': '', 'national_pattern': '0[0-9]{5,10}|3[0-9]{8,9}'},
        {'countries': ['IE'], 'calling_code': '353', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{6,8}'},
        {'countries': ['NL'], 'calling_code': '31', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{8}'},
        {'countries': ['BE'], 'calling_code': '32', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{7,8}'},
        {'countries': ['LU'], 'calling_code': '352', 'trunk_prefix': '', 'national_pattern': '[2-9][0-9]{3,10}'},
        {'countries': ['CH'], 'calling_code': '41', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{8}'},
        {'countries': ['AT'], 'calling_code': '43', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{3,12}'},
        {'countries': ['PT'], 'calling_code': '351', 'trunk_prefix': '', 'national_pattern': '[2-9][0-9]{8}'},
        {'countries': ['DK'], 'calling_code': '45', 'trunk_prefix': '', 'national_pattern': '[2-9][0-9]{7}'},
        {'countries': ['SE'], 'calling_code': '46', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{6,9}'},
        {'countries': ['NO'], 'calling_code': '47', 'trunk_prefix': '', 'national_pattern': '[2-9][0-9]{7}'},
        {'countries': ['FI'], 'calling_code': '358', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{4,11}'},
        {'countries': ['PL'], 'calling_code': '48', 'trunk_prefix': '', 'national_pattern': '[1-9][0-9]{8}'},
        {'countries': ['AU'], 'calling_code': '61', 'trunk_prefix': '0', 'national_pattern': '[2-478][0-9]{8}'},
        {'countries': ['NZ'], 'calling_code': '64', 'trunk_prefix': '0', 'national_pattern': '[2-9][0-9]{7,9}'},
        {'countries': ['JP'], 'calling_code': '81', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{8,9}'},
        {'countries': ['IN'], 'calling_code': '91', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{9}'},
        {'countries': ['MX'], 'calling_code': '52', 'trunk_prefix': '', 'national_pattern': '[1-9][0-9]{9}'},
        {'countries': ['BR'], 'calling_code': '55', 'trunk_prefix': '0', 'national_pattern': '[1-9][0-9]{9,10}'}
    ]) }}
{%- endmacro %}
