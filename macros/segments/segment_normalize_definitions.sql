{% macro segment_normalize_definitions(definitions) -%}
    {{ return(adapter.dispatch('segment_normalize_definitions')(definitions)) }}
{%- endmacro %}

{% macro default__segment_normalize_definitions(definitions) -%}
    {#- Check the top level of each definition and turn it into
        {name, description, owner, consent: [purposes], holdout_percent, sql_model, condition},
        where condition folds `where`, `sql_model`, include_segments and exclude_segments into
        one `all` group. Returns a dict by name, in declaration order. -#}
    {%- set allowed = ['name', 'description', 'owner', 'where', 'include_segments', 'exclude_segments',
        'consent', 'holdout_percent', 'sql_model'] -%}
    {%- set result = {} -%}
    {%- if definitions is none -%}{%- set definitions = [] -%}{%- endif -%}
    {%- if definitions is mapping or definitions is string or definitions is not iterable -%}
        {{ exceptions.raise_compiler_error("var cdp_segments must be a list of segment definitions") }}
    {%- endif -%}
    {%- for definition in definitions -%}
        {%- if definition is not mapping -%}
            {{ exceptions.raise_compiler_error("Segment #" ~ loop.index ~ " of cdp_segments is not a mapping: " ~ definition) }}
        {%- endif -%}
        {%- set name = definition.get('name') -%}
        {%- if name is not string or not modules.re.match('^[a-z][a-z0-9]*(_[a-z0-9]+)*$', name) or name | length > 40 -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ name ~ "' (#" ~ loop.index ~ " of cdp_segments): the name must be lower-case "
                ~ "letters, digits and single underscores, starting with a letter, at most 40 characters"
            ) }}
        {%- endif -%}
        {%- if name in result -%}
            {{ exceptions.raise_compiler_error("Segment '" ~ name ~ "': declared twice") }}
        {%- endif -%}
        {{ segment_check_keys(definition, allowed, name, 'segment definition') }}

        {%- set parts = [] -%}
        {%- if definition.get('sql_model') is not none -%}
            {%- do parts.append({'sql_model': definition.sql_model}) -%}
        {%- endif -%}
        {%- if definition.get('where') is not none -%}
            {%- do parts.append(definition.where) -%}
        {%- endif -%}
        {%- for key in ('include_segments', 'exclude_segments') -%}
            {%- set names = definition.get(key) or [] -%}
            {%- if names is string -%}{%- set names = [names] -%}{%- endif -%}
            {%- for other in names -%}
                {%- if key == 'include_segments' -%}
                    {%- do parts.append({'segment': other}) -%}
                {%- else -%}
                    {%- do parts.append({'not': {'segment': other}}) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if parts | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ name ~ "': needs a where condition, a sql_model or include_segments"
            ) }}
        {%- endif -%}

        {%- set consent = definition.get('consent') or [] -%}
        {%- if consent is string -%}{%- set consent = [consent] -%}{%- endif -%}
        {%- for purpose in consent -%}
            {%- if purpose is not string or not modules.re.match('^[a-z][a-z0-9_]*$', purpose) -%}
                {{ exceptions.raise_compiler_error(
                    "Segment '" ~ name ~ "': consent purpose " ~ purpose ~ " must be a lower-case name such as email_marketing"
                ) }}
            {%- endif -%}
        {%- endfor -%}

        {%- set holdout = definition.get('holdout_percent') -%}
        {%- if holdout is not none and (holdout is not number or holdout is sameas true
            or holdout is sameas false or holdout < 0 or holdout >= 100) -%}
            {{ exceptions.raise_compiler_error(
                "Segment '" ~ name ~ "': holdout_percent must be a number from 0 up to (not including) 100, got " ~ holdout
            ) }}
        {%- endif -%}

        {%- do result.update({name: {
            'name': name,
            'description': definition.get('description'),
            'owner': definition.get('owner'),
            'consent': consent | list,
            'holdout_percent': holdout or 0,
            'sql_model': definition.get('sql_model'),
            'condition': parts[0] if parts | length == 1 else {'all': parts}
        }}) -%}
    {%- endfor -%}
    {{ return(result) }}
{%- endmacro %}
