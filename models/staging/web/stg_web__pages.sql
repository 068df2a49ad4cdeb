with

source as (

    select * from {{ source('web', 'pages') }}

),

deduplicated as (

    -- loaders deliver a message at least once: keep the first copy of each message id
    {{ deduplicate('source', partition_by='id', order_by='received_at, sent_at') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as page_view_id,
        cast(nullif(trim(anonymous_id), '') as varchar) as anonymous_id,
        cast(nullif(trim(user_id), '') as varchar) as user_id,
        cast(nullif(trim(context_device_id), '') as varchar) as device_id,

        ---------- strings
        nullif(trim(path), '') as page_path,
        nullif(trim(url), '') as page_url,
        nullif(trim(title), '') as page_title,
        nullif(trim(referrer), '') as referrer,
        lower(nullif(trim(context_campaign_source), '')) as utm_source,
        lower(nullif(trim(context_campaign_medium), '')) as utm_medium,
        lower(nullif(trim(context_campaign_name), '')) as utm_campaign,
        lower(nullif(trim(context_device_type), '')) as device_type,

        ---------- timestamps
        cast("timestamp" as timestamp) as viewed_at,  -- noqa: RF06
        cast(received_at as timestamp) as received_at

    from deduplicated

)

select * from renamed
